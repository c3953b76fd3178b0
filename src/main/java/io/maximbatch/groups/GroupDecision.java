package io.maximbatch.groups;

import static io.maximbatch.groups.GroupReject.*;

import io.maximbatch.ledger.GroupMapping.State;
import io.maximbatch.ledger.GroupMapping;
import io.maximbatch.outcome.Why;
import io.maximbatch.step.Decision;
import io.maximbatch.step.LegacyIds;
import java.util.Map;
import java.util.Optional;

/**
 * The create-groups rules, one decision for the run, the dry run, validate and reconcile: a group row's own rules,
 * the group map (done by an earlier run, a duplicate of this run's) and its owner; a membership row's own rules, its
 * group and its member.
 */
final class GroupDecision {

    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 1000;

    private GroupDecision() {
    }

    static Decision<GroupCreation> decide(GroupRow row, GroupLookups lookups) {
        Optional<Why> broken = broken(row);
        if (broken.isPresent()) {
            return Decision.rejected(broken.get());
        }
        GroupMapping mapping = lookups.groups().get(row.legacyGroupId());
        boolean live = mapping != null && mapping.state() != State.ROLLED_BACK;
        if (live && lookups.thisRun(mapping) && !row.line().equals(mapping.sourceLine())) {
            // Decided by this run from another row; a replayed row has the same position.
            return Decision.rejected(DUPLICATE_GROUP_ID.why(row.legacyGroupId(), mapping.sourceLine()));
        }
        if (live && mapping.exists()) {
            // The legacy group exists in MaxIM: a later rename or change of owner in the legacy data is not applied.
            lookups.noteGroup(row, mapping.ownerUserId());
            return Decision.alreadyDone();
        }
        Long owner = lookups.users().of(row.ownerLegacyId());
        if (owner == null) {
            return Decision.rejected(UNKNOWN_OWNER.why(row.ownerLegacyId()));
        }
        lookups.noteGroup(row, owner);
        return Decision.send(new GroupCreation(row, owner, live ? mapping : null));
    }

    /**
     * A membership row resolved, the one way invites and admins resolve it: its group exists (created, not rolled back)
     * and its member is registered; otherwise why not.
     */
    record Membership(GroupMapping group, long member, Why rejected) {

        static Membership of(MembershipRow row, GroupLookups lookups) {
            GroupMapping group = lookups.groups().get(row.legacyGroupId());
            if (group == null || !group.exists()) {
                return new Membership(null, 0, UNKNOWN_GROUP.why(row.legacyGroupId()));
            }
            Long member = lookups.users().of(row.memberLegacyId());
            return member == null ? new Membership(group, 0, UNKNOWN_MEMBER.why(row.memberLegacyId())) : new Membership(group, member, null);
        }
    }

    static Decision<Invite> decide(MembershipRow row, GroupLookups lookups) {
        Optional<Why> broken = broken(row);
        if (broken.isPresent()) {
            return Decision.rejected(broken.get());
        }
        Membership membership = Membership.of(row, lookups);
        if (membership.rejected() != null) {
            return Decision.rejected(membership.rejected());
        }
        GroupMapping group = membership.group();
        long member = membership.member();
        Invite invite = new Invite(group.groupId(), group.ownerUserId(), member);
        // The owner is a member from the start; a membership a job made is not sent again (its ledger row says so).
        return member == group.ownerUserId() || lookups.made(invite) || lookups.invitedBefore(invite) ? Decision.alreadyDone()
                : Decision.send(invite);
    }

    /** The rules a group row must meet before any look-up: required fields, lengths, plain text; the first it breaks. */
    static Optional<Why> broken(GroupRow row) {
        if (row.problem() != null) {
            return Optional.of(MALFORMED_RECORD.why(row.problem()));
        }
        if (row.verdict().rejected().isPresent()) {
            return row.verdict().rejected();
        }
        Optional<Why> id = legacyId(row.legacyGroupId(), MISSING_LEGACY_GROUP_ID, INVALID_LEGACY_GROUP_ID);
        if (id.isPresent()) {
            return id;
        }
        if (row.name() == null) {
            return Optional.of(MISSING_NAME.why());
        }
        Optional<Why> owner = legacyId(row.ownerLegacyId(), MISSING_OWNER_LEGACY_ID, INVALID_OWNER_LEGACY_ID);
        if (owner.isPresent()) {
            return owner;
        }
        if (LegacyIds.undecodable(row.name()) || LegacyIds.undecodable(row.description()) || LegacyIds.undecodable(row.announcement())) {
            return Optional.of(INVALID_ENCODING.why());
        }
        if (row.name().codePointCount(0, row.name().length()) > MAX_NAME || row.name().codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of(INVALID_NAME.why());
        }
        if (row.description() != null && row.description().length() > MAX_DESCRIPTION) {
            return Optional.of(INVALID_DESCRIPTION.why());
        }
        if (row.avatar() != null && !row.avatar().matches("(?i)https?://\\S+")) {
            return Optional.of(INVALID_GROUP_AVATAR.why(row.avatar()));
        }
        for (Map.Entry<String, String> setting : row.settings().entrySet()) {
            if (GroupRow.flag(setting.getValue()).isEmpty()) {
                return Optional.of(INVALID_SETTING.why(setting.getKey(), setting.getValue()));
            }
        }
        return Optional.empty();
    }

    static Optional<Why> broken(MembershipRow row) {
        if (row.problem() != null) {
            return Optional.of(MALFORMED_RECORD.why(row.problem()));
        }
        Optional<Why> group = legacyId(row.legacyGroupId(), MISSING_LEGACY_GROUP_ID, INVALID_LEGACY_GROUP_ID);
        Optional<Why> ids = group.isPresent() ? group : legacyId(row.memberLegacyId(), MISSING_MEMBER_LEGACY_ID, INVALID_MEMBER_LEGACY_ID);
        if (ids.isEmpty() && row.role() != null && !row.admin() && !row.blocked() && !row.role().equalsIgnoreCase("member")) {
            return Optional.of(INVALID_ROLE.why(row.role()));
        }
        return ids;
    }

    private static Optional<Why> legacyId(String value, GroupReject missing, GroupReject tooLong) {
        return LegacyIds.problem(value).map(problem -> switch (problem) {
            case MISSING -> missing.why();
            case TOO_LONG -> tooLong.why();
            case UNDECODABLE -> INVALID_ENCODING.why();
        });
    }
}
