package io.maximbatch.groups.ledger;

import io.maximbatch.ledger.Ledger;
import io.maximbatch.ledger.LedgerTables;
import io.maximbatch.ledger.OneByOne;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/** The memberships this tool made, by job: what `prune` may take back. Writes commit at once, apart from the chunk. */
@Repository
public class MemberLedger extends Ledger {

    public MemberLedger(LedgerTables tables) {
        super(tables);
    }

    /** A member of a group, and the group's owner (who may remove it). */
    public record Membership(long groupId, long userId, long ownerId) {
    }

    /**
     * Records memberships the job made, in one transaction; one recorded already is left as it is. Measured on 10,000
     * invites at 100 ms and 200/s (H2): a transaction per row held the sends for about a second at each chunk's end.
     */
    public void made(Collection<Membership> memberships, String jobName) {
        record(memberships, true, jobName);
    }

    /**
     * Records memberships MaxIM already had ("already a member"), so that no later run invites them again; prune leaves
     * them, since the job may not have made them.
     */
    public void found(Collection<Membership> memberships, String jobName) {
        record(memberships, false, jobName);
    }

    private void record(Collection<Membership> memberships, boolean created, String jobName) {
        if (memberships.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        // Refused: recorded by an earlier attempt of this or another run.
        OneByOne.refused(memberships, Comparator.comparingLong(Membership::groupId).thenComparingLong(Membership::userId),
                rows -> insert(rows, created, jobName, now));
    }

    private void insert(Collection<Membership> memberships, boolean created, String jobName, long now) {
        tables.ownTransaction().executeWithoutResult(status -> tables.jdbc().batchUpdate("INSERT INTO member_edge (group_id, user_id, owner_id, job_name,"
                + " created_at, created) VALUES (:group, :user, :owner, :job, :now, :created)", memberships.stream().map(m -> (SqlParameterSource)
                new MapSqlParameterSource().addValue("group", m.groupId()).addValue("user", m.userId()).addValue("owner", m.ownerId())
                        .addValue("job", jobName).addValue("now", now).addValue("created", created)).toArray(SqlParameterSource[]::new)));
    }

    /** Which memberships of these groups and users are recorded, made or found: "groupId/userId". */
    public Set<String> recorded(Collection<Long> groupIds, Collection<Long> userIds) {
        if (groupIds.isEmpty() || userIds.isEmpty()) {
            return Set.of();
        }
        Set<String> made = new HashSet<>();
        tables.jdbc().query("SELECT group_id, user_id FROM member_edge WHERE group_id IN (:groups) AND user_id IN (:users)",
                Map.of("groups", List.copyOf(groupIds), "users", List.copyOf(userIds)),
                rs -> {
                    made.add(rs.getLong(1) + "/" + rs.getLong(2));
                });
        return made;
    }

    /**
     * Records invitations MaxIM holds until the person consents (group_confirm): not memberships, so neither counted
     * nor pruned; a later run asks the member list for them instead of inviting again. One recorded already stays.
     */
    public void pending(Collection<Membership> invitations, String jobName) {
        if (invitations.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        OneByOne.refused(invitations, Comparator.comparingLong(Membership::groupId).thenComparingLong(Membership::userId),
                rows -> tables.ownTransaction().executeWithoutResult(status -> tables.jdbc().batchUpdate("INSERT INTO member_pending"
                        + " (group_id, user_id, owner_id, job_name, invited_at) VALUES (:group, :user, :owner, :job, :now)", rows.stream()
                        .map(m -> (SqlParameterSource) new MapSqlParameterSource().addValue("group", m.groupId()).addValue("user", m.userId())
                                .addValue("owner", m.ownerId()).addValue("job", jobName).addValue("now", now))
                        .toArray(SqlParameterSource[]::new))));
    }

    /** Which invitations of these groups and users wait for consent: "groupId/userId". */
    public Set<String> pendingOf(Collection<Long> groupIds, Collection<Long> userIds) {
        if (groupIds.isEmpty() || userIds.isEmpty()) {
            return Set.of();
        }
        Set<String> pending = new HashSet<>();
        tables.jdbc().query("SELECT group_id, user_id FROM member_pending WHERE group_id IN (:groups) AND user_id IN (:users)",
                Map.of("groups", List.copyOf(groupIds), "users", List.copyOf(userIds)), rs -> {
                    pending.add(rs.getLong(1) + "/" + rs.getLong(2));
                });
        return pending;
    }

    /** Forgets the pending invitations of those that are members now (looked up first: most members never were pending). */
    public void joined(Collection<Membership> members) {
        Set<String> pending = pendingOf(members.stream().map(Membership::groupId).distinct().toList(),
                members.stream().map(Membership::userId).distinct().toList());
        List<Membership> memberships = members.stream().filter(m -> pending.contains(m.groupId() + "/" + m.userId())).toList();
        if (memberships.isEmpty()) {
            return;
        }
        tables.ownTransaction().executeWithoutResult(status -> tables.jdbc().batchUpdate("DELETE FROM member_pending WHERE group_id = :group"
                + " AND user_id = :user", memberships.stream().map(m -> (SqlParameterSource) new MapSqlParameterSource()
                .addValue("group", m.groupId()).addValue("user", m.userId())).toArray(SqlParameterSource[]::new)));
    }

    public List<Membership> madeBy(String jobName) {
        return tables.jdbc().query("SELECT group_id, user_id, owner_id FROM member_edge WHERE job_name = :job AND created = TRUE"
                + " ORDER BY group_id, user_id",
                Map.of("job", jobName), (rs, row) -> new Membership(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
    }

    public void forget(Membership membership) {
        tables.ownTransaction().executeWithoutResult(status -> tables.jdbc().update("DELETE FROM member_edge WHERE group_id = :group AND user_id = :user",
                Map.of("group", membership.groupId(), "user", membership.userId())));
    }
}
