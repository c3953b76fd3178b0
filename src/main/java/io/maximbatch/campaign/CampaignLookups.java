package io.maximbatch.campaign;

import io.maximbatch.step.Decision;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the campaign decision looks up: the MaxIM id of a legacy id, the run's send ledger, and the targets this run
 * has decided already. A run keeps a chunk's decisions (its earlier chunks are in the ledger); a dry run keeps all of
 * its own, and a target decided in an earlier chunk is already done for the entries after it.
 */
final class CampaignLookups {

    private final Long execution;
    private final boolean remembersRun;
    private final Map<String, Long> ids = new HashMap<>();
    private final Map<String, SendLedger.Entry> ledger = new HashMap<>();
    private final Map<String, Decision<Target>> decided = new HashMap<>();

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
                return Decision.send(new Target(t, segment, null));
            }
            if (earlier.sent() || Objects.equals(execution, earlier.jobExecutionId())) {
                // Sent, or being sent now by another partition of this execution (a failed one's batch is resent on restart).
                return Decision.alreadyDone();
            }
            return Decision.send(new Target(t, earlier.segment(), earlier.batchKey(), earlier.recordedAt(), earlier.resendApproved()));
        });
    }
}
