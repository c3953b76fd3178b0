package io.maximbatch.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.outcome.Outcome;
import io.maximbatch.step.internal.ChunkOutcomes;
import io.maximbatch.step.Decision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The campaign decision: a person named by legacy id and again by user id is one target, for the run's lookups
 * (ID map and send ledger) as for the dry run's; a target the ledger has sent is already done.
 */
class CampaignDecisionTest {

    private static final List<Segment> SEGMENTS = List.of(new Segment("vip", null, Map.of()), new Segment("all", null, Map.of()));

    private static final List<AudienceEntry> ENTRIES = List.of(
            entry(0, "2", "L1", null, null),
            entry(1, "3", null, "11", null),
            entry(1, "4", "L1", null, null),
            entry(1, "5", "L9", null, null),
            entry(1, "6", null, "abc", null),
            entry(1, "7", null, null, "neither legacy_id nor user_id is given"),
            entry(1, "8", null, "0012", null),
            entry(1, "9", null, "12", null),
            entry(1, "10", "L".repeat(256), null, null),
            entry(1, "11", "L\uFFFD1", null, null));

    @Test
    void aRunAndADryRunDecideAlike() {
        List<String> run = outcomes(CampaignLookups.forChunk(5, Map.of("L1", 11L), Map.of()));
        CampaignLookups dryRun = CampaignLookups.forRehearsal();
        dryRun.load(Map.of("L1", 11L));
        List<String> plan = outcomes(dryRun);

        assertThat(run).isEqualTo(plan).containsExactly("WRITTEN", "ALREADY_DONE", "ALREADY_DONE", "UNKNOWN_USER", "INVALID_ID",
                "MALFORMED_RECORD", "WRITTEN", "ALREADY_DONE", "INVALID_LEGACY_ID", "INVALID_ENCODING");
    }

    @Test
    void theSendLedgerDecidesTargetsOfEarlierChunksAndExecutions() {
        CampaignLookups lookups = CampaignLookups.forChunk(5, Map.of(), Map.of(
                "user:1", new SendLedger.Entry("user:1", "vip", "vip/user/a", true, 4L),
                "user:2", new SendLedger.Entry("user:2", "vip", "vip/user/b", false, 5L),
                "user:3", new SendLedger.Entry("user:3", "vip", "vip/user/c", false, 4L)));

        assertThat(lookups.decide("user:1", "all").outcome()).as("sent").isEqualTo(Outcome.ALREADY_DONE);
        assertThat(lookups.decide("user:2", "all").outcome()).as("being sent by another partition of this execution")
                .isEqualTo(Outcome.ALREADY_DONE);
        assertThat(lookups.decide("user:3", "all").items()).as("an unsent batch of an earlier execution, sent again")
                .singleElement().satisfies(t -> assertThat(t.batchKey).isEqualTo("vip/user/c"));
    }

    @Test
    void aPersonSentMaxTimesWithinTheWindowIsCappedAndNothingElseIs() {
        FrequencyCap cap = FrequencyCap.of(new FrequencyCapKeys(2, "24h"));
        Map<String, Long> recent = Map.of("user:1", 2L, "user:2", 1L, "user:3", 5L, "tag:vip", 9L);
        CampaignLookups lookups = CampaignLookups.forChunk(5, Map.of(), Map.of(
                "user:3", new SendLedger.Entry("user:3", "vip", "vip/user/c", false, 4L)), cap, recent);

        Decision<Target> capped = lookups.decide("user:1", "all");
        assertThat(capped.outcome().kind()).isEqualTo(Outcome.Kind.CAPPED);
        assertThat(capped.outcome().why()).isEqualTo(new io.maximbatch.outcome.Why("FREQUENCY_CAP",
                "2 send(s) in the last 24h from campaigns on this job database (frequency cap: 2 per 24h)"));
        assertThat(capped.outcome().isRejected()).as("listed, never rejected").isFalse();
        assertThat(lookups.decide("user:2", "all").sends()).as("under the cap").isTrue();
        assertThat(lookups.decide("user:3", "all").items()).as("its own unsent batch goes out again: it was counted when recorded")
                .singleElement().satisfies(t -> assertThat(t.batchKey).isEqualTo("vip/user/c"));
        assertThat(lookups.decide("tag:vip", "all").sends()).as("a tag names no person to count").isTrue();
        assertThat(CampaignLookups.forChunk(5, Map.of(), Map.of(), null, recent).decide("user:1", "all").sends())
                .as("without a cap (a test send's lookups)").isTrue();
    }

    private static List<String> outcomes(CampaignLookups lookups) {
        List<Decision<Target>> decisions = ENTRIES.stream().map(e -> CampaignDecision.decide(e, lookups, SEGMENTS, false)).toList();
        List<String> outcomes = new ArrayList<>();
        ChunkOutcomes.each(ENTRIES, decisions, target -> Outcome.WRITTEN,
                (entry, outcome) -> outcomes.add(outcome.isRejected() ? outcome.why().code() : outcome.kind().name()));
        return outcomes;
    }

    private static AudienceEntry entry(int segment, String line, String legacyId, String id, String problem) {
        return new AudienceEntry(segment, line, Audience.Kind.SOURCE, legacyId, id, null, problem, new LinkedHashMap<>());
    }
}
