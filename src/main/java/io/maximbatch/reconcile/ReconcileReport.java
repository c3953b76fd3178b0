package io.maximbatch.reconcile;

import java.nio.file.Path;
import java.util.List;

/** What reconcile compared and found; complete when nothing the sources expect is missing. */
public record ReconcileReport(long expectedUsers, long presentUsers, long expectedFriendships, long presentFriendships, long expectedGroups,
                              long presentGroups, long expectedMembers, long presentMembers, long checkedAccounts, long checkedRemarks,
                              long expectedAdmins, long checkedDisplayNames, long expectedGroupBlocks, long unresolvable,
                              long expectedBlocks,
                              List<Discrepancy> discrepancies, Path file) {

    public long count(Discrepancy.Kind kind) {
        return discrepancies.stream().filter(d -> d.kind() == kind).count();
    }

    public boolean complete() {
        return discrepancies.stream().noneMatch(d -> d.kind().missing());
    }

    public List<String> summary() {
        List<String> lines = new java.util.ArrayList<>(List.of(
                String.format("Users: expected %d, present %d, missing %d", expectedUsers, presentUsers, count(Discrepancy.Kind.MISSING_USER)),
                String.format("Friendships: expected %d, present %d, missing %d, extra %d", expectedFriendships, presentFriendships,
                        count(Discrepancy.Kind.MISSING_FRIENDSHIP), count(Discrepancy.Kind.EXTRA_FRIENDSHIP)),
                String.format("Groups: expected %d, present %d, missing %d", expectedGroups, presentGroups,
                        count(Discrepancy.Kind.MISSING_GROUP)),
                String.format("Group members: expected %d, present %d, missing %d, extra %d%s", expectedMembers, presentMembers,
                        count(Discrepancy.Kind.MISSING_MEMBER), count(Discrepancy.Kind.EXTRA_MEMBER), count(Discrepancy.Kind.PENDING_MEMBER) == 0 ? ""
                                : ", invited and waiting for consent " + count(Discrepancy.Kind.PENDING_MEMBER)),
                String.format("Account attributes: checked %d accounts, differing %d; remarks: checked %d, differing %d; admins:"
                        + " expected %d, missing %d", checkedAccounts, count(Discrepancy.Kind.ATTRIBUTE_DIFFERS), checkedRemarks,
                        count(Discrepancy.Kind.REMARK_DIFFERS), expectedAdmins, count(Discrepancy.Kind.MISSING_ADMIN)),
                String.format("Group display names: checked %d, differing %d; group blocks: expected %d, missing %d", checkedDisplayNames,
                        count(Discrepancy.Kind.DISPLAY_NAME_DIFFERS), expectedGroupBlocks, count(Discrepancy.Kind.MISSING_GROUP_BLOCK)),
                String.format("Source rows not expected in MaxIM (invalid or unresolvable, see the reject reports): %d", unresolvable),
                (complete() ? "Complete: nothing the sources expect is missing." : "INCOMPLETE: see " + file)));
        if (expectedBlocks > 0) {
            // Only a job with blocks says so: the other jobs' summaries stay as they were.
            lines.add(lines.size() - 2, String.format("User blocks: expected %d, missing %d", expectedBlocks, count(Discrepancy.Kind.MISSING_BLOCK)));
        }
        return List.copyOf(lines);
    }
}
