package io.maximbatch.campaign;

import io.maximbatch.execution.RunParameters;
import io.maximbatch.ledger.GroupMap;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.ItemCalls;
import io.maximbatch.maxim.ItemResult;
import io.maximbatch.outcome.Outcome;
import io.maximbatch.report.StepRecords;
import io.maximbatch.step.DecideAgain;
import io.maximbatch.step.Decision;
import io.maximbatch.step.OutcomeWriter;
import io.maximbatch.step.Settled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Sends a chunk of a campaign's audience, each target at most once per run: targets are resolved, those the run's
 * send ledger already has are done (or their unsent batch is sent again with the same key), the others go in new
 * batches recorded PENDING before their calls, which go out concurrently and are marked SENT after.
 */
final class CampaignWriter extends OutcomeWriter<AudienceEntry, Target, Settled, CampaignWriter.Uses> {

    /**
     * What it works with: the segments (their messages filled in), how a batch is sent, the ID maps, the send ledger, and
     * the frequency cap (null: none).
     */
    record Uses(List<Segment> segments, boolean groups, Dispatcher dispatcher, Duration resendWindow, UserMap userMap, GroupMap groupMap,
                SendLedger ledger, FrequencyCap cap) {
    }

    CampaignWriter(StepRecords records, ConcurrentCalls calls, Uses uses) {
        super(records, calls, uses);
    }

    private SendLedger.Run run() {
        return new SendLedger.Run(records.jobName(), RunParameters.runKey(records.jobParameters()), records.stepName());
    }

    @Override
    protected List<Decision<Target>> decide(List<? extends AudienceEntry> chunk) {
        Map<String, Long> ids = ids(chunk.stream().filter(e -> e.problem() == null).map(AudienceEntry::legacyId)
                .filter(Objects::nonNull).toList(), uses.groups(), uses.userMap(), uses.groupMap());
        // Every target the chunk may name, to look it up in the ledger at once.
        CampaignLookups resolving = CampaignLookups.forChunk(records.executionId(), ids, Map.of());
        Set<String> targets = new HashSet<>();
        chunk.forEach(entry -> CampaignDecision.decide(entry, resolving, uses.segments(), uses.groups()).items().forEach(t -> targets.add(t.target)));
        Map<String, SendLedger.Entry> ledger = uses.ledger().find(run(), targets);
        // The persons this run has not reached yet: their sends within the cap's window, by every campaign.
        Map<String, Long> recent = uses.cap() == null ? Map.of() : uses.ledger().recentSends(run(), targets.stream()
                .filter(t -> FrequencyCap.counts(t) && !ledger.containsKey(t)).toList(), uses.cap().since(System.currentTimeMillis()));
        CampaignLookups lookups = CampaignLookups.forChunk(records.executionId(), ids, ledger, uses.cap(), recent);
        return chunk.stream().map(entry -> CampaignDecision.decide(entry, lookups, uses.segments(), uses.groups())).toList();
    }

    /** The MaxIM ids of legacy user (or group) ids that are in MaxIM. */
    static Map<String, Long> ids(Collection<String> legacyIds, boolean groups, UserMap userMap, GroupMap groupMap) {
        if (!groups) {
            return userMap.userIds(legacyIds);
        }
        return groupMap.groupIds(legacyIds);
    }

    /**
     * New targets go in new batches (per segment and kind, at most a call's worth), recorded PENDING with their keys; under
     * a frequency cap, a person another run reached since the chunk decided is capped instead (counted under the cap's
     * lock). A batch keeps the key its targets made: the capped ones are in no other batch of the run.
     */
    @Override
    protected List<Target> beforeCalls(List<Target> targets, Map<Target, Settled> settled) {
        SendLedger.Run run = run();
        Map<String, List<Target>> fresh = new LinkedHashMap<>();
        targets.stream().filter(t -> t.batchKey == null).forEach(t -> fresh.computeIfAbsent(t.segment + "\n" + t.family(), k -> new ArrayList<>()).add(t));
        List<SendLedger.Entry> pending = new ArrayList<>();
        fresh.values().forEach(list -> {
            int perCall = uses.dispatcher().maxBatch(list.get(0).family());
            for (int i = 0; i < list.size(); i += perCall) {
                List<Target> batch = new ArrayList<>(list.subList(i, Math.min(list.size(), i + perCall)));
                batch.sort((a, b) -> a.target.compareTo(b.target));
                String key = BatchKeys.batchKey(run.jobName() + "/" + run.stepName(), run.runKey(), segmentNamed(batch.get(0).segment),
                        batch.get(0).family(), batch.stream().map(t -> t.target).toList());
                batch.forEach(t -> {
                    t.batchKey = key;
                    pending.add(new SendLedger.Entry(t.target, t.segment, key, false, records.executionId()));
                });
            }
        });
        Map<String, Long> capped;
        try {
            capped = uses.ledger().savePendingUnderCap(run, pending, uses.cap());
        } catch (SendLedger.TakenMeanwhile raced) {
            // Another partition of the run recorded one of these targets at the same moment; nothing was saved.
            throw new DecideAgain(raced);
        }
        if (capped.isEmpty()) {
            return targets;
        }
        List<Target> sending = new ArrayList<>();
        targets.forEach(t -> {
            if (t.resend || !capped.containsKey(t.target)) {
                sending.add(t);
            } else {
                settled.put(t, Settled.of(Outcome.capped(uses.cap().why(capped.get(t.target)))));
            }
        });
        return sending;
    }

    /** One call per batch, with the batch's idempotency key: an unsent batch of an earlier execution goes out whole again. */
    @Override
    protected List<Callable<Map<Target, Settled>>> calls(List<Target> targets) {
        SendLedger.Run run = run();
        String job = run.jobName() + "/" + run.stepName();
        Map<String, List<Target>> byBatch = new LinkedHashMap<>();
        targets.forEach(t -> byBatch.computeIfAbsent(t.batchKey, k -> new ArrayList<>()).add(t));
        List<Callable<Map<Target, Settled>>> calls = new ArrayList<>();
        byBatch.forEach((key, inChunk) -> {
            Target first = inChunk.get(0);
            List<String> all = first.resend ? uses.ledger().batch(run, key) : inChunk.stream().map(t -> t.target).sorted().toList();
            Segment segment = segmentNamed(first.segment);
            List<String> values = all.stream().map(Target::value).toList();
            calls.add(() -> {
                Settled sent = tooOldToResend(first) ? Settled.failed(new IllegalStateException(held(first))) : dispatched(ItemCalls.returning(
                        trace -> uses.dispatcher().send(segment, first.family(), values, BatchKeys.idempotencyKey(job, run.runKey(), key), trace)),
                        first.resend);
                Map<Target, Settled> settled = new HashMap<>();
                inChunk.forEach(t -> settled.put(t, sent));
                return settled;
            });
        });
        return calls;
    }

    /** A batch's settlement with what MaxIM gave back for it (a task id, message ids), which the send ledger keeps. */
    private record Dispatched(Settled settled, Dispatcher.Receipt receipt) implements Settled {
        @Override
        public Outcome outcome() {
            return settled.outcome();
        }

        @Override
        public RuntimeException failure() {
            return settled.failure();
        }
    }

    private static Settled dispatched(ItemResult<Dispatcher.Receipt> answer, boolean resent) {
        return new Dispatched(CampaignDecision.sent(answer, resent), answer.value());
    }

    /** Sent batches are marked SENT with their receipts; batches MaxIM refused are forgotten, so that no run counts their targets as reached. */
    @Override
    protected Map<Target, Settled> afterCalls(Map<Target, Settled> results) {
        Map<String, Dispatcher.Receipt> sent = new HashMap<>();
        Set<String> refused = new HashSet<>();
        results.forEach((target, result) -> {
            if (result.outcome() != null && result.outcome().isRejected()) {
                refused.add(target.batchKey);
            } else if (result.outcome() != null) {
                sent.put(target.batchKey, result instanceof Dispatched d && d.receipt() != null ? d.receipt() : Dispatcher.Receipt.NONE);
            }
        });
        SendLedger.Run run = run();
        uses.ledger().markSent(run, sent);
        uses.ledger().forget(run, refused);
        return results;
    }

    /** An unsent batch older than the step's resend window, which the server may no longer recognise by its key. */
    private boolean tooOldToResend(Target target) {
        return target.resend && !target.resendApproved && uses.resendWindow() != null
                && System.currentTimeMillis() - target.recordedAt > uses.resendWindow().toMillis();
    }

    private String held(Target target) {
        return "batch " + target.batchKey + " of " + records.stepName() + " was recorded " + Duration.ofMillis(System.currentTimeMillis()
                - target.recordedAt).toMinutes() + " min ago and never confirmed sent; it is older than the message-resend-window ("
                + (uses.resendWindow().toSeconds() >= 60 && uses.resendWindow().toSeconds() % 60 == 0 ? uses.resendWindow().toMinutes() + " min"
                        : uses.resendWindow().toMillis() + " ms")
                + "), after which MaxIM may deliver it twice. It stays PENDING: decide with `campaign-batches "
                + records.executionId() + " --resend` (send it again) or `--forget` (count it delivered), then resume";
    }

    private Segment segmentNamed(String name) {
        return uses.segments().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the job file no longer has segment " + name + " of an unsent batch"));
    }
}
