package io.maximbatch.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.ledger.GroupMapping;
import io.maximbatch.outcome.Outcome;
import io.maximbatch.step.internal.ChunkOutcomes;
import io.maximbatch.step.Decision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The groups decisions: the same group and membership rows get the same outcomes from a run's and `validate`'s lookups. */
class GroupDecisionTest {

    private static final List<GroupRow> GROUPS = List.of(
            group("2", "G1", "Team", "O1"),
            group("3", "G1", "Team again", "O1"),
            group("4", "G2", "Nobody's", "O9"),
            group("5", "G3", null, "O1"),
            group("6", "G4", "Second", "M1"));

    private static final List<MembershipRow> MEMBERS = List.of(
            member("2", "G1", "M1"),
            member("3", "G1", "O1"),
            member("4", "G1", "M1"),
            member("5", "G2", "M1"),
            member("6", "G1", "M9"),
            member("7", null, "M1"));

    @Test
    void aRunAfterTheUsersStepAndValidateDecideAlike() {
        Map<String, Long> users = Map.of("O1", 1L, "M1", 2L);
        List<String> runGroups = outcomes(GROUPS, GroupLookups.forChunk(7, users, Map.of()), GroupDecision::decide);
        // The members step of the run finds the groups its groups step created in the group map.
        Map<String, GroupMapping> created = Map.of("G1", done("G1", 100, 1), "G4", done("G4", 101, 2));
        List<String> runMembers = outcomes(MEMBERS, GroupLookups.forChunk(7, users, created), GroupDecision::decide);

        GroupLookups check = GroupLookups.forRehearsal(Optional.of(Set.of("O1", "M1")));
        List<String> checkGroups = outcomes(GROUPS, check, GroupDecision::decide);
        List<String> checkMembers = outcomes(MEMBERS, check, GroupDecision::decide);

        assertThat(runGroups).isEqualTo(checkGroups).containsExactly("WRITTEN", "DUPLICATE_GROUP_ID", "UNKNOWN_OWNER", "MISSING_NAME",
                "WRITTEN");
        assertThat(runMembers).isEqualTo(checkMembers).containsExactly("WRITTEN", "ALREADY_DONE", "ALREADY_DONE", "UNKNOWN_GROUP",
                "UNKNOWN_MEMBER", "MISSING_LEGACY_GROUP_ID");
    }

    private static <R extends io.maximbatch.step.Candidate, S> List<String> outcomes(List<R> rows, GroupLookups lookups,
                                                                                    BiFunction<R, GroupLookups, Decision<S>> decide) {
        List<Decision<S>> decisions = rows.stream().map(r -> decide.apply(r, lookups)).toList();
        List<String> outcomes = new ArrayList<>();
        ChunkOutcomes.each(rows, decisions, item -> Outcome.WRITTEN,
                (row, outcome) -> outcomes.add(outcome.isRejected() ? outcome.why().code() : outcome.kind().name()));
        return outcomes;
    }

    private static GroupMapping done(String legacyGroupId, long groupId, long owner) {
        return new GroupMapping(legacyGroupId, groupId, owner, "Team", GroupMapping.State.DONE, 7, 1, "2", Instant.EPOCH);
    }

    private static GroupRow group(String line, String id, String name, String owner) {
        return new GroupRow(line, id, name, null, owner, null, java.util.Map.of(), null, null, new io.maximbatch.step.SourceVerdict(null, null, false), new LinkedHashMap<>());
    }

    private static MembershipRow member(String line, String group, String member) {
        return new MembershipRow(line, group, member, null, null, null, new LinkedHashMap<>());
    }
}
