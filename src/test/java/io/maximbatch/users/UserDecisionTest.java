package io.maximbatch.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.maximbatch.ledger.UserMapping;
import io.maximbatch.ledger.UserMapping.Origin;
import io.maximbatch.ledger.UserMapping.State;
import io.maximbatch.outcome.Outcome;
import io.maximbatch.step.internal.ChunkOutcomes;
import io.maximbatch.step.Decision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The users decision: the same rows get the same outcomes whether a run or `validate` looks them up. */
class UserDecisionTest {

    private static final List<UserRow> ROWS = List.of(
            row("2", "L1", "alice", "pw", null),
            row("3", "L2", "bad name", "pw", null),
            row("4", "L1", "alice2", "pw", null),
            row("5", "L3", "alice", "pw", null),
            row("6", "L4", "bob", null, null),
            row("7", "L5", "carol", "pw", "expected 3 columns, found 4"),
            row("8", "L6", "maximus", "pw", null),
            row("9", "L7", "dave", "pw", null));

    @Test
    void aRunOnAnEmptyIdMapAndValidateDecideAlike() {
        List<String> run = outcomes(ROWS, UserLookups.forChunk(7, Map.of(), Map.of()));
        List<String> check = outcomes(ROWS, UserLookups.forRehearsal());

        assertThat(run).isEqualTo(check).containsExactly("WRITTEN", "INVALID_USERNAME", "DUPLICATE_LEGACY_ID", "DUPLICATE_USERNAME",
                "MISSING_PASSWORD", "MALFORMED_RECORD", "INVALID_USERNAME", "WRITTEN");
    }

    @Test
    void theUsernameRuleIsTheVendorsPatternCaseSensitiveWithoutALength() {
        List<String> valid = List.of("Maximilian", "Mtanga", "MTA_team", "x_maxim", "_1", "王小明", "a1", "u".repeat(200), "9a", "_");
        List<String> invalid = List.of("maximus", "mta", "mta_bot", "12345", "bad name", "émile", "a-b", "\u9fa6x", "\u3400x",
                "ｆｕｌｌ");
        valid.forEach(name -> assertThat(UserDecision.broken(row("2", "L1", name, "pw", null))).as(name).isEmpty());
        invalid.forEach(name -> assertThat(UserDecision.broken(row("2", "L1", name, "pw", null)))
                .as(name).hasValueSatisfying(why -> assertThat(why.code()).isEqualTo("INVALID_USERNAME")));
        assertThat(UserDecision.broken(row("2", "L1", "u".repeat(256), "pw", null)))
                .hasValueSatisfying(why -> assertThat(why.reason()).isEqualTo("username is 256 characters long; the ID map holds at most 255"));
    }

    @Test
    void aLongNameThatFailsAtItsEndIsRefusedQuickly() {
        // The vendor's pattern as a regex backtracks quadratically here (minutes); the rule must stay linear (milliseconds).
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThat(UserDecision.broken(row("2", "L1", "a".repeat(200_000) + "!",
                "pw", null))).hasValueSatisfying(why -> assertThat(why.code()).isEqualTo("INVALID_USERNAME")));
    }

    @Test
    void anEarlierRunsRowsAreDoneOrRejectedAsMappedAndThisRunsOwnRowsAreDuplicates() {
        Map<String, UserMapping> byLegacyId = Map.of(
                "L1", mapping("L1", "alice", State.DONE, 3, "2"),
                "L7", mapping("L7", "someone_else", State.DONE, 3, "2"),
                "L8", mapping("L8", "erin", State.PENDING, 3, "5"),
                "L9", mapping("L9", "fred", State.DONE, 7, "2"));
        List<UserRow> rows = List.of(row("2", "L1", "alice", "pw", null), row("3", "L7", "dave", "pw", null),
                row("4", "L8", "erin", "pw", null), row("5", "L9", "fred", "pw", null));
        UserLookups lookups = UserLookups.forChunk(7, byLegacyId, Map.of());

        List<Decision<Registration>> decisions = rows.stream().map(r -> UserDecision.decide(r, lookups)).toList();

        assertThat(decisions.get(0).outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(decisions.get(1).outcome().why().code()).isEqualTo("LEGACY_ID_MAPPED");
        assertThat(decisions.get(2).items()).singleElement().satisfies(r -> assertThat(r.resumed()).isTrue());
        assertThat(decisions.get(3).outcome().why().reason()).as("written by this run from line 2")
                .isEqualTo("legacy_id L9 appears more than once in the input (first at line 2)");
    }

    @Test
    void whenMaxImHasTheUsernameItIsOursOnlyIfAnAttemptOfOursMayHaveMadeIt() {
        Registration fresh = new Registration(row("2", "L1", "alice", "pw", null), false);
        Registration resumed = new Registration(row("2", "L1", "alice", "pw", null), true);

        assertThat(UserDecision.existing(fresh, false, OnExisting.REJECT, Optional.empty()).outcome().why().code()).isEqualTo("USERNAME_TAKEN");
        assertThat(UserDecision.existing(fresh, false, OnExisting.ADOPT, Optional.of(9L)))
                .isEqualTo(Registered.alreadyDone(9, Origin.ADOPTED));
        assertThat(UserDecision.existing(fresh, true, OnExisting.REJECT, Optional.of(9L))).as("our own lost answer")
                .isEqualTo(Registered.written(9));
        assertThat(UserDecision.existing(resumed, true, OnExisting.REJECT, Optional.of(9L))).as("an earlier run's")
                .isEqualTo(Registered.alreadyDone(9, Origin.CREATED));
        assertThat(UserDecision.existing(resumed, true, OnExisting.REJECT, Optional.empty()).outcome().why().code())
                .isEqualTo("USER_NOT_FOUND");
    }

    /** Each row's outcome (or reject code) when every call succeeds. */
    private static List<String> outcomes(List<UserRow> rows, UserLookups lookups) {
        List<Decision<Registration>> decisions = rows.stream().map(r -> UserDecision.decide(r, lookups)).toList();
        List<String> outcomes = new ArrayList<>();
        ChunkOutcomes.each(rows, decisions, item -> Outcome.WRITTEN,
                (row, outcome) -> outcomes.add(outcome.isRejected() ? outcome.why().code() : outcome.kind().name()));
        return outcomes;
    }

    private static UserMapping mapping(String legacyId, String username, State state, long instance, String line) {
        return new UserMapping(legacyId, username, state == State.DONE ? 100L : null, state, Origin.CREATED, instance, 1, line);
    }

    private static UserRow row(String line, String legacyId, String username, String password, String problem) {
        return new UserRow(line, legacyId, username, password, AccountFields.none(), problem, new LinkedHashMap<>());
    }
}
