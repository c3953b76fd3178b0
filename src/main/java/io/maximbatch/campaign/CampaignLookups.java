package io.maximbatch.campaign;

import io.maximbatch.step.Decision;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the campaign decision looks up: the MaxIM id of a legacy id, the run's send ledger, the targets this run has
 * decided already, and, under a frequency cap, each person's sends within its window by every campaign (none: a test
 * send's lookups, or validate's, which reads no job state). A run keeps a chunk's decisions (its earlier chunks are in
 * the ledger); a dry run keeps all of its own, and a target decided in an earlier chunk is already done for the entries
 * after it.
 */
final class CampaignLookups {

    private final Long execution;
    private final boolean remembersRun;
    private final Map<String, Long> ids = new HashMap<>();
    private final Map<String, SendLedger.Entry> ledger = new HashMap<>();
    private final Map<String, Decision<Target>> decided = new HashMap<>();
    private final Map<String, Long> recentSends = new HashMap<>();
    private FrequencyCap cap;

    private CampaignLookups(Long execution, boolean remembersRun) {
        this.execution = execution;
        this.remembersRun = remembersRun;
    }

    /** A run's lookups for one chunk: ids from the ID maps, the targets' ledger entries; execution: the run's. */
    static CampaignLookups forChunk(long execution, Map<String, Long> ids, Map<String, SendLedger.Entry> ledger) {
        CampaignLookups lookups = new CampaignLookups(execution, false);
        lookups.load(ids);
        lookups.ledger.putAll(ledger);
        return lookups;
    }

    /** As forChunk, under a frequency cap (null: none): recentSends, the sends within its window of the chunk's persons. */
    static CampaignLookups forChunk(long execution, Map<String, Long> ids, Map<String, SendLedger.Entry> ledger, FrequencyCap cap,
                                    Map<String, Long> recentSends) {
        CampaignLookups lookups = forChunk(execution, ids, ledger);
        lookups.cap = cap;
        lookups.recentSends.putAll(recentSends);
        return lookups;
    }

    static CampaignLookups forRehearsal() {
        return new CampaignLookups(null, true);
    }

    void load(Map<String, Long> legacyIds) {
        ids.clear();
        ids.putAll(legacyIds);
        if (remembersRun) {
            decided.replaceAll((target, decision) -> Decision.alreadyDone());
        } else {
            decided.clear();
        }
    }

    Long id(String legacyId) {
        return ids.get(legacyId);
    }

    /** The decision for a target: the one taken for it before in this chunk (or dry run), else from the ledger. */
    Decision<Target> decide(String target, String segment) {
        return decided.computeIfAbsent(target, t -> {
            SendLedger.Entry earlier = ledger.get(t);
            if (earlier == null) {
                long sends = recentSends.getOrDefault(t, 0L);
                // The cap is the campaign's rule, for the run, the dry run and validate alike; the writer applies it again
                // (FrequencyCap.reached) to the counts it reads under the cap's lock, just before the PENDING rows.
                return cap != null && FrequencyCap.counts(t) && cap.reached(sends) ? Decision.capped(cap.why(sends))
                        : Decision.send(new Target(t, segment, null));
            }
            if (earlier.sent() || Objects.equals(execution, earlier.jobExecutionId())) {
                // Sent, or being sent now by another partition of this execution (a failed one's batch is resent on restart).
                return Decision.alreadyDone();
            }
            return Decision.send(new Target(t, earlier.segment(), earlier.batchKey(), earlier.recordedAt(), earlier.resendApproved()));
        });
    }
}
