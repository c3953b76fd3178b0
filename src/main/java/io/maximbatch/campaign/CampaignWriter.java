package io.maximbatch.campaign;

import io.maximbatch.jobfile.JobRuns;
import io.maximbatch.ledger.GroupMap;
import io.maximbatch.ledger.GroupMapping;
import io.maximbatch.ledger.SendLedger;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.CallTrace;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.ErrorClass;
import io.maximbatch.maxim.MaximException;
import io.maximbatch.report.ChunkTally;
import io.maximbatch.report.StepRecords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Sends a chunk of a campaign's audience, each target at most once per run: targets are resolved, those the run's
 * send ledger already has are skipped (or their unsent batch is sent again with the same key), the others are put
 * in new batches recorded PENDING before their calls, which go out concurrently and are marked SENT after.
 */
final class CampaignWriter implements ItemWriter<AudienceEntry> {

    private final List<Segment> segments;
    private final boolean groups;
    private final Dispatcher dispatcher;
    private final ConcurrentCalls calls;
    private final UserMap userMap;
    private final GroupMap groupMap;
    private final SendLedger ledger;
    private final StepRecords records;

    CampaignWriter(List<Segment> segments, boolean groups, Dispatcher dispatcher, ConcurrentCalls calls, UserMap userMap,
                   GroupMap groupMap, SendLedger ledger, StepRecords records) {
        this.segments = segments;
        this.groups = groups;
        this.dispatcher = dispatcher;
        this.calls = calls;
        this.userMap = userMap;
        this.groupMap = groupMap;
        this.ledger = ledger;
        this.records = records;
    }

    /**
     * The run a send belongs to: the given run-key (a schedule slot gives one); after `run --new`, that run; otherwise
     * the job's parameters, so that running the same campaign again with the same parameters reaches nobody twice.
     */
    static String runKey(JobParameters parameters) {
        String given = parameters.getString(JobRuns.RUN_KEY);
        if (given != null) {
            return given;
        }
        if (parameters.getString(JobRuns.NEW_RUN) != null) {
            return "run-" + parameters.getLong(JobRuns.RUN_ID, 0L);
        }
        String identity = new TreeMap<>(JobRuns.userParameters(parameters)).toString();
        return "params-" + HexFormat.of().formatHex(BatchKeys.sha256(identity)).substring(0, 16);
    }

    private record Batch(String key, Segment segment, String family, List<String> targets) {
    }

    /** The outcome of one batch's call: sent, refused with a reason, or not decided (a fatal failure elsewhere). */
    private record Sent(boolean sent, String code, String reason) {
    }

    /** How often a chunk decides again when another partition records one of its targets at the same moment. */
    private static final int DECISIONS = 5;

    @Override
    public void write(Chunk<? extends AudienceEntry> chunk) {
        for (int decision = 1; ; decision++) {
            try {
                writeOnce(chunk);
                return;
            } catch (SendLedger.TakenMeanwhile raced) {
                // Nothing was recorded or sent: decide again, now seeing the other partition's batch.
                if (decision == DECISIONS) {
                    throw raced;
                }
            }
        }
    }

    private void writeOnce(Chunk<? extends AudienceEntry> chunk) {
        SendLedger.Run run = new SendLedger.Run(records.jobName(), runKey(records.jobParameters()), records.stepName());
        String job = run.jobName() + "/" + run.stepName();
        ChunkTally tally = new ChunkTally();
        Map<AudienceEntry, String> targets = resolve(chunk, tally);
        Map<String, SendLedger.Entry> known = ledger.find(run, new HashSet<>(targets.values()));

        // Each entry's batch; an entry whose target an earlier entry of the chunk carries follows that entry's outcome.
        Map<AudienceEntry, String> batchOf = new LinkedHashMap<>();
        Map<AudienceEntry, AudienceEntry> repeatOf = new LinkedHashMap<>();
        Map<String, AudienceEntry> firstWith = new HashMap<>();
        Set<String> resend = new HashSet<>();
        Map<String, List<String>> fresh = new LinkedHashMap<>();
        List<AudienceEntry> sentBefore = new ArrayList<>();
        for (Map.Entry<AudienceEntry, String> entry : targets.entrySet()) {
            String target = entry.getValue();
            SendLedger.Entry earlier = known.get(target);
            AudienceEntry first = firstWith.putIfAbsent(target, entry.getKey());
            if (first != null) {
                repeatOf.put(entry.getKey(), first);
            } else if (earlier != null && earlier.sent()) {
                sentBefore.add(entry.getKey());
            } else if (earlier != null && Long.valueOf(records.executionId()).equals(earlier.jobExecutionId())) {
                // Another partition of this execution is sending it now (a failed one's batch is resent on restart).
                sentBefore.add(entry.getKey());
            } else if (earlier != null) {
                resend.add(earlier.batchKey());
                batchOf.put(entry.getKey(), earlier.batchKey());
            } else {
                fresh.computeIfAbsent(entry.getKey().segment() + "\n" + family(target), k -> new ArrayList<>()).add(target);
                batchOf.put(entry.getKey(), null);
            }
        }
        List<Batch> batches = new ArrayList<>();
        Map<String, String> freshBatchOfTarget = new HashMap<>();
        List<SendLedger.Entry> pending = new ArrayList<>();
        fresh.forEach((group, list) -> {
            Segment segment = segments.get(Integer.parseInt(group.substring(0, group.indexOf('\n'))));
            String family = group.substring(group.indexOf('\n') + 1);
            for (int i = 0; i < list.size(); i += dispatcher.maxBatch()) {
                List<String> slice = list.subList(i, Math.min(list.size(), i + dispatcher.maxBatch())).stream().sorted().toList();
                String key = BatchKeys.batchKey(job, run.runKey(), segment, family, slice);
                batches.add(new Batch(key, segment, family, slice));
                slice.forEach(t -> {
                    freshBatchOfTarget.put(t, key);
                    pending.add(new SendLedger.Entry(t, segment.name(), key, false, records.executionId()));
                });
            }
        });
        batchOf.replaceAll((entry, key) -> key != null ? key : freshBatchOfTarget.get(targets.get(entry)));
        ledger.savePending(run, pending);
        for (String key : resend) {
            List<String> list = ledger.batch(run, key);
            Segment segment = segmentNamed(key.substring(0, key.indexOf('/')));
            batches.add(new Batch(key, segment, family(list.get(0)), list));
        }

        Map<String, Sent> results = new ConcurrentHashMap<>();
        RuntimeException fatal = send(job, run.runKey(), batches, results);
        ledger.markSent(run, results.entrySet().stream().filter(e -> e.getValue().sent()).map(Map.Entry::getKey).toList());
        ledger.forget(run, results.entrySet().stream().filter(e -> !e.getValue().sent()).map(Map.Entry::getKey).toList());
        if (fatal != null) {
            // Sent batches are marked; the chunk rolls back and the resumed run sends the PENDING ones again, same keys.
            throw fatal;
        }
        sentBefore.forEach(e -> tally.alreadyDone());
        batchOf.forEach((entry, key) -> {
            Sent sent = results.get(key);
            if (sent.sent()) {
                tally.written();
            } else {
                tally.reject(entry.line(), sent.code(), sent.reason(), entry.asRead());
            }
        });
        repeatOf.forEach((entry, first) -> {
            String key = batchOf.get(first);
            Sent sent = key == null ? null : results.get(key);
            if (sent == null || sent.sent()) {
                tally.alreadyDone();
            } else {
                tally.reject(entry.line(), sent.code(), "the same target as line " + first.line() + ", which MaxIM refused: "
                        + sent.reason(), entry.asRead());
            }
        });
        records.save(tally);
    }

    private RuntimeException send(String job, String run, List<Batch> batches, Map<String, Sent> results) {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (Batch batch : batches) {
            tasks.add(() -> {
                List<String> values = batch.targets().stream().map(CampaignWriter::value).toList();
                try {
                    dispatcher.send(batch.segment(), batch.family(), values, BatchKeys.idempotencyKey(job, run, batch.key()), new CallTrace());
                    results.put(batch.key(), new Sent(true, null, null));
                } catch (MaximException e) {
                    if (e.errorClass() != ErrorClass.REJECTED) {
                        throw e;
                    }
                    results.put(batch.key(), new Sent(false, e.reasonCode(), "MaxIM refused the batch: " + e.getMessage()));
                }
                return null;
            });
        }
        for (ConcurrentCalls.Result<Void> result : calls.runAll(tasks)) {
            if (!result.ok()) {
                return result.failure() instanceof RuntimeException e ? e : new IllegalStateException(result.failure());
            }
        }
        return null;
    }

    /** Each entry's target ("user:<id>", "group:<id>", "tag:<t>", "alias:<a>", "all"); unresolvable entries are rejected. */
    private Map<AudienceEntry, String> resolve(Chunk<? extends AudienceEntry> chunk, ChunkTally tally) {
        Set<String> legacyIds = new HashSet<>();
        for (AudienceEntry entry : chunk) {
            if (entry.problem() == null && entry.legacyId() != null) {
                legacyIds.add(entry.legacyId());
            }
        }
        Map<String, Long> ids = new HashMap<>();
        if (groups) {
            for (Map.Entry<String, GroupMapping> mapped : groupMap.find(legacyIds).entrySet()) {
                if (mapped.getValue().state() == GroupMapping.State.DONE) {
                    ids.put(mapped.getKey(), mapped.getValue().groupId());
                }
            }
        } else {
            ids.putAll(userMap.userIds(legacyIds));
        }
        String family = groups ? "group" : "user";
        Map<AudienceEntry, String> targets = new LinkedHashMap<>();
        for (AudienceEntry entry : chunk) {
            if (entry.problem() != null) {
                tally.reject(entry.line(), "MALFORMED_RECORD", entry.problem(), entry.asRead());
            } else if (entry.kind() == Audience.Kind.TAGS) {
                targets.put(entry, "tag:" + entry.value());
            } else if (entry.kind() == Audience.Kind.ALIASES) {
                targets.put(entry, "alias:" + entry.value());
            } else if (entry.kind() == Audience.Kind.ALL) {
                targets.put(entry, "all");
            } else if (entry.legacyId() != null) {
                Long id = ids.get(entry.legacyId());
                if (id == null) {
                    tally.reject(entry.line(), groups ? "UNKNOWN_GROUP" : "UNKNOWN_USER", (groups ? "legacy group " : "legacy user ")
                            + entry.legacyId() + " is not in MaxIM (unknown, or rejected by the migration)", entry.asRead());
                } else {
                    targets.put(entry, family + ":" + id);
                }
            } else if (!entry.id().matches("[0-9]{1,18}")) {
                tally.reject(entry.line(), "INVALID_ID", (groups ? "group_id" : "user_id") + " is not a number: " + entry.id(), entry.asRead());
            } else {
                targets.put(entry, family + ":" + Long.parseLong(entry.id()));
            }
        }
        return targets;
    }

    private Segment segmentNamed(String name) {
        return segments.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the job file no longer has segment " + name + " of an unsent batch"));
    }

    private static String family(String target) {
        int colon = target.indexOf(':');
        return colon < 0 ? target : target.substring(0, colon);
    }

    private static String value(String target) {
        int colon = target.indexOf(':');
        return colon < 0 ? target : target.substring(colon + 1);
    }
}
