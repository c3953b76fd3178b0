package io.maximbatch.users.ledger;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import io.maximbatch.ledger.Ledger;
import io.maximbatch.ledger.LedgerTables;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * The names a run's users step gives (`usernames: rewrite`), kept in the job database so that deciding them takes
 * constant memory for any number of users: username_plan, by job instance.
 */
@Repository
public class UsernameLedger extends Ledger {

    UsernameLedger(LedgerTables tables) {
        super(tables);
    }

    /** One planned name: the legacy user it goes to, the legacy name, and whether it was rewritten. */
    private static final String TAKE = "INSERT INTO username_plan (job_instance_id, username, legacy_id, legacy_username, rewritten)"
            + " SELECT :instance, :username, :legacyId, :legacyUsername, :rewritten WHERE NOT EXISTS (SELECT 1 FROM username_plan"
            + " WHERE job_instance_id = :instance AND username = :username)";

    public record Planned(String username, String legacyId, String legacyUsername, boolean rewritten) {
    }

    /** Forgets a run's plan, to decide it again from the start (the same source gives the same names). */
    public void clear(long instance) {
        tables.jdbc().update("DELETE FROM username_plan WHERE job_instance_id = :instance", Map.of("instance", instance));
        tables.jdbc().update("DELETE FROM username_suffix WHERE job_instance_id = :instance", Map.of("instance", instance));
    }

    /**
     * Takes the name for a run unless it is taken already; returns whether it was free. An insert that cannot fail:
     * a failed statement would end the whole transaction on PostgreSQL.
     */
    public boolean take(long instance, Planned planned) {
        return tables.jdbc().update(TAKE, values(instance, planned)) == 1;
    }

    /** Takes each name unless it is taken already (by an earlier one of the list too), in one batch. */
    public void takeAll(long instance, List<Planned> names) {
        if (!names.isEmpty()) {
            tables.jdbc().batchUpdate(TAKE, names.stream().map(planned -> new MapSqlParameterSource(values(instance, planned)))
                    .toArray(SqlParameterSource[]::new));
        }
    }

    private static Map<String, Object> values(long instance, Planned planned) {
        return Map.of("instance", instance, "username", planned.username(), "legacyId", planned.legacyId(),
                "legacyUsername", planned.legacyUsername(), "rewritten", planned.rewritten());
    }

    public boolean taken(long instance, String username) {
        return Boolean.TRUE.equals(tables.jdbc().queryForObject("SELECT COUNT(*) > 0 FROM username_plan WHERE job_instance_id = :instance"
                + " AND username = :username", Map.of("instance", instance, "username", username), Boolean.class));
    }

    /** The next suffix to try for a rewritten base of a run (1: the base itself). */
    public int nextSuffix(long instance, String base) {
        return tables.jdbc().query("SELECT next_suffix FROM username_suffix WHERE job_instance_id = :instance AND base = :base",
                Map.of("instance", instance, "base", base), rs -> rs.next() ? rs.getInt(1) : 1);
    }

    /** Keeps the next suffix to try of each base (one thread decides a run's names: update, else insert). */
    public void suffixesUsed(long instance, Map<String, Integer> next) {
        next.forEach((base, suffix) -> {
            Map<String, Object> row = Map.of("instance", instance, "base", base, "next", suffix);
            if (tables.jdbc().update("UPDATE username_suffix SET next_suffix = :next WHERE job_instance_id = :instance AND base = :base", row) == 0) {
                tables.jdbc().update("INSERT INTO username_suffix (job_instance_id, base, next_suffix) VALUES (:instance, :base, :next)", row);
            }
        });
    }

    /** The name planned for a legacy user's rewritten name, or null. */
    public String rewrittenFor(long instance, String legacyId) {
        return tables.jdbc().query("SELECT username FROM username_plan WHERE job_instance_id = :instance AND legacy_id = :legacyId AND rewritten",
                Map.of("instance", instance, "legacyId", legacyId), rs -> rs.next() ? rs.getString(1) : null);
    }

    /** Every rewritten name of a run, in legacy id order (for its rewrite report). */
    public void eachRewritten(long instance, Consumer<Planned> each) {
        tables.jdbc().query("SELECT username, legacy_id, legacy_username FROM username_plan WHERE job_instance_id = :instance AND rewritten"
                + " ORDER BY legacy_id", Map.of("instance", instance),
                rs -> {
                    each.accept(new Planned(rs.getString(1), rs.getString(2), rs.getString(3), true));
                });
    }
}
