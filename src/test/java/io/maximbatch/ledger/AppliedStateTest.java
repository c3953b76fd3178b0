package io.maximbatch.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobDatabases;
import io.maximbatch.ledger.AppliedState.Change;
import io.maximbatch.ledger.AppliedState.Key;
import io.maximbatch.ledger.AppliedState.State;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The applied-state ledger on H2 and PostgreSQL: a value is PENDING before its call, applied after, cleared if refused. */
class AppliedStateTest {

    private static final Key PROFILE = new Key("user:L1", "profile");
    private static final Key AVATAR = new Key("user:L1", "avatar");

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aValueIsPendingThenAppliedAndARefusedOneLeavesTheAppliedOne(String vendor) {
        AppliedState ledger = ledger(vendor);
        String first = AppliedState.hash("Ann|likes tea");
        String second = AppliedState.hash("Ann|likes coffee");

        assertThat(ledger.find(List.of(PROFILE, AVATAR))).isEmpty();
        ledger.savePending(List.of(new Change(PROFILE, first)));
        assertThat(ledger.find(List.of(PROFILE, AVATAR))).containsExactly(Map.entry(PROFILE, new State(null, first)));
        ledger.markApplied(List.of(new Change(PROFILE, first)));
        assertThat(ledger.find(List.of(PROFILE))).containsEntry(PROFILE, new State(first, null));

        ledger.savePending(List.of(new Change(PROFILE, second), new Change(AVATAR, AppliedState.hash("https://x/a.png"))));
        ledger.clearPending(List.of(new Change(PROFILE, second)));
        assertThat(ledger.find(List.of(PROFILE))).as("refused: the applied value stays").containsEntry(PROFILE, new State(first, null));
        assertThat(ledger.find(List.of(AVATAR)).get(AVATAR).pending()).isNotNull();
        assertThat(first).hasSize(32).isNotEqualTo(second);

        // A value kept with its hash (tags) comes back with the state, and is replaced by the next applied one.
        Key tags = new Key("user:L1", "tags");
        ledger.markApplied(List.of(new Change(tags, AppliedState.hash("a|b"), "a|b")));
        assertThat(ledger.find(List.of(tags)).get(tags).appliedValue()).isEqualTo("a|b");
        ledger.savePending(List.of(new Change(tags, AppliedState.hash("a|c"), "a|c")));
        assertThat(ledger.find(List.of(tags)).get(tags).appliedValue()).as("pending: the applied value stays").isEqualTo("a|b");
        ledger.markApplied(List.of(new Change(tags, AppliedState.hash("a|c"), "a|c")));
        assertThat(ledger.find(List.of(tags)).get(tags)).isEqualTo(new State(AppliedState.hash("a|c"), null, "a|c"));
    }

    private static AppliedState ledger(String vendor) {
        DataSource db = JobDatabases.migrated(vendor, "applied");
        return new AppliedState(LedgerTables.of(db));
    }
}
