package io.maximbatch.campaign;

import io.maximbatch.ledger.Ledger;
import io.maximbatch.ledger.LedgerTables;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * Who a campaign run reaches, batch by batch. Writes commit at once, apart from the chunk: a batch's PENDING rows
 * must be durable before its call, so that a resumed run sends that batch again with the same key, or not at all.
 */
@Repository
public class SendLedger extends Ledger {

    SendLedger(LedgerTables tables) {
        super(tables);
    }

    /** One campaign step of one run of a job: the scope in which a target is sent at most once. */
    public record Run(String jobName, String runKey, String stepName) {
    }

    /**
     * A target's place in a run: its segment, its batch, whether that batch was sent, the execution that recorded it,
     * when (epoch ms), and whether an operator approved sending it again however old it is.
     */
    public record Entry(String target, String segment, String batchKey, boolean sent, Long jobExecutionId, long recordedAt,
                        boolean resendApproved) {
        /** A new PENDING entry of this execution. */
        public Entry(String target, String segment, String batchKey, boolean sent, Long jobExecutionId) {
            this(target, segment, batchKey, sent, jobExecutionId, 0, false);
        }
    }

    /** A batch of a run still PENDING (its call may or may not have reached MaxIM): step, key, targets, when recorded. */
    public record PendingBatch(String stepName, String batchKey, int targets, long recordedAt, boolean resendApproved) {
    }

    /** The entries of these targets in the run; targets not yet in a batch are absent. */
    public Map<String, Entry> find(Run run, Collection<String> targets) {
        Map<String, Entry> found = new HashMap<>();
        List<String> all = new ArrayList<>(targets);
        for (int i = 0; i < all.size(); i += LedgerTables.IN_LIST_SIZE) {
            tables.jdbc().query("SELECT target, segment, batch_key, state, job_execution_id, updated_at, resend_approved FROM send_ledger"
                            + " WHERE job_name = :job AND run_key = :run"
                            + " AND step_name = :step AND target IN (:targets)",
                    Map.of("job", run.jobName(), "run", run.runKey(), "step", run.stepName(),
                            "targets", all.subList(i, Math.min(all.size(), i + LedgerTables.IN_LIST_SIZE))),
                    rs -> {
                        found.put(rs.getString(1), new Entry(rs.getString(1), rs.getString(2), rs.getString(3), "SENT".equals(rs.getString(4)),
                                rs.getObject(5) == null ? null : rs.getLong(5), rs.getLong(6), rs.getBoolean(7)));
                    });
        }
        return found;
    }

    /** Every target of a batch, in the order they were recorded. */
    public List<String> batch(Run run, String batchKey) {
        return tables.jdbc().queryForList("SELECT target FROM send_ledger WHERE job_name = :job AND run_key = :run AND step_name = :step"
                        + " AND batch_key = :batch ORDER BY target",
                Map.of("job", run.jobName(), "run", run.runKey(), "step", run.stepName(), "batch", batchKey), String.class);
    }

    /** Records new batches as PENDING and commits, before their calls. */
    public void savePending(Run run, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        try {
            insertPending(run, entries, now);
        } catch (DuplicateKeyException raced) {
            throw new TakenMeanwhile(raced);
        }
    }

    /**
     * How many times each of these persons (user targets) was sent to since then (epoch ms), by any job, run and step
     * but this run's step: PENDING rows count (their call may have reached MaxIM), refused batches are gone.
     */
    Map<String, Long> recentSends(Run run, Collection<String> persons, long since) {
        Map<String, Long> counts = new HashMap<>();
        List<String> all = new ArrayList<>(persons);
        for (int i = 0; i < all.size(); i += LedgerTables.IN_LIST_SIZE) {
            tables.jdbc().query("SELECT target, COUNT(*) FROM send_ledger WHERE target IN (:targets) AND updated_at >= :since"
                            + " AND NOT (job_name = :job AND run_key = :run AND step_name = :step) GROUP BY target",
                    Map.of("targets", all.subList(i, Math.min(all.size(), i + LedgerTables.IN_LIST_SIZE)), "since", since,
                            "job", run.jobName(), "run", run.runKey(), "step", run.stepName()),
                    rs -> {
                        counts.put(rs.getString(1), rs.getLong(2));
                    });
        }
        return counts;
    }

    /**
     * Records new batches as PENDING and commits, under a frequency cap: the persons among them are counted again under
     * the cap's lock, and those who reached the cap meanwhile (another run recorded them since the chunk decided) are
     * left out; returns them with their counts. Without a cap, as savePending.
     */
    Map<String, Long> savePendingUnderCap(Run run, List<Entry> entries, FrequencyCap cap) {
        List<String> persons = entries.stream().map(Entry::target).filter(FrequencyCap::counts).toList();
        if (cap == null || persons.isEmpty()) {
            savePending(run, entries);
            return Map.of();
        }
        try {
            Map<String, Long> capped = underCapLock(() -> tables.ownTransaction().execute(status -> {
                // Held until this transaction commits its PENDING rows: another run (job, process or worker) counts only after
                // them, so two runs cannot both find a person under the cap, both record and both push (check-then-send race).
                takeCapLock(System.currentTimeMillis());
                // Read once the lock is held (a wait for it may be long), so the count sees every send committed before.
                long now = System.currentTimeMillis();
                Map<String, Long> over = new HashMap<>();
                recentSends(run, persons, cap.since(now)).forEach((person, sends) -> {
                    if (cap.reached(sends)) {
                        over.put(person, sends);
                    }
                });
                List<Entry> admitted = entries.stream().filter(e -> !over.containsKey(e.target())).toList();
                if (!admitted.isEmpty()) {
                    insertRows(run, admitted, now);
                }
                return over;
            }));
            tables.growth().grew("send_ledger", entries.size() - capped.size());
            return capped;
        } catch (DuplicateKeyException raced) {
            throw new TakenMeanwhile(raced);
        }
    }

    /**
     * The transaction again when the cap's lock was not free in time: H2 gives up waiting for a row lock after a second
     * (PostgreSQL waits), and local partitions of a large campaign may queue longer than that for it.
     */
    private static <T> T underCapLock(java.util.function.Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (org.springframework.dao.PessimisticLockingFailureException busy) {
                if (attempt == 60) {
                    throw busy;
                }
            }
        }
    }

    /** Takes the cap's lock row until the caller's transaction ends; the first capped send of a database creates it. */
    private void takeCapLock(long now) {
        if (tables.jdbc().update("UPDATE frequency_cap_lock SET taken_at = :now WHERE id = 1", Map.of("now", now)) == 0) {
            try {
                tables.ownTransaction().executeWithoutResult(status -> tables.jdbc().update(
                        "INSERT INTO frequency_cap_lock (id, taken_at) VALUES (1, :now)", Map.of("now", now)));
            } catch (DuplicateKeyException meanwhile) {
                // Another run created it at the same moment: it is there to take.
            }
            tables.jdbc().update("UPDATE frequency_cap_lock SET taken_at = :now WHERE id = 1", Map.of("now", now));
        }
    }

    /** Some target was recorded by another writer (a partition of the same run) after the caller looked; nothing was saved. */
    public static final class TakenMeanwhile extends IllegalStateException {
        TakenMeanwhile(Throwable cause) {
            super("a target of this chunk was recorded at the same moment by another partition of the run (the audience lists"
                    + " it in two partitions); restart the job to finish: the target is then found in the send ledger", cause);
        }
    }

    private void insertPending(Run run, List<Entry> entries, long now) {
        tables.ownTransaction().executeWithoutResult(status -> insertRows(run, entries, now));
        tables.growth().grew("send_ledger", entries.size());
    }

    private void insertRows(Run run, List<Entry> entries, long now) {
        tables.jdbc().batchUpdate(
                "INSERT INTO send_ledger (job_name, run_key, step_name, target, segment, batch_key, state, updated_at, job_execution_id)"
                        + " VALUES (:job, :run, :step, :target, :segment, :batch, 'PENDING', :now, :execution)",
                entries.stream().map(e -> (SqlParameterSource) new MapSqlParameterSource()
                        .addValue("job", run.jobName()).addValue("run", run.runKey()).addValue("step", run.stepName()).addValue("target", e.target())
                        .addValue("segment", e.segment()).addValue("batch", e.batchKey()).addValue("now", now)
                        .addValue("execution", e.jobExecutionId()))
                        .toArray(SqlParameterSource[]::new));
    }

    /**
     * Marks batches sent with what MaxIM gave back (kept for delivery statistics: a push's task_id; the message id of a
     * message to one receiver, the only case the vendor gives one), and commits. A receipt without them keeps those known.
     */
    void markSent(Run run, Map<String, Dispatcher.Receipt> batches) {
        if (batches.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        tables.ownTransaction().executeWithoutResult(status -> tables.jdbc().batchUpdate(
                "UPDATE send_ledger SET state = 'SENT', updated_at = :now, task_id = COALESCE(:task, task_id),"
                        + " message_id = COALESCE(:message, message_id) WHERE job_name = :job AND run_key = :run AND step_name = :step"
                        + " AND batch_key = :batch",
                batches.entrySet().stream().map(b -> (SqlParameterSource) new MapSqlParameterSource()
                        .addValue("job", run.jobName()).addValue("run", run.runKey()).addValue("step", run.stepName())
                        .addValue("batch", b.getKey()).addValue("now", now).addValue("task", b.getValue().taskId(), Types.BIGINT)
                        .addValue("message", b.getValue().messageIds().size() == 1 ? b.getValue().messageIds().get(0) : null, Types.BIGINT))
                        .toArray(SqlParameterSource[]::new)));
    }

    /** A batch of a run marked SENT: its step, key, the task id MaxIM gave it (null: none), and its audience size (rows). */
    public record SentBatch(String stepName, String batchKey, Long taskId, int targets) {
    }

    /** The SENT batches of a run (every campaign step of it), by step and key: what its delivery statistics are asked for. */
    public List<SentBatch> sentBatches(String jobName, String runKey) {
        return tables.jdbc().query("SELECT step_name, batch_key, MAX(task_id), COUNT(*) FROM send_ledger"
                        + " WHERE job_name = :job AND run_key = :run AND state = 'SENT' GROUP BY step_name, batch_key ORDER BY step_name, batch_key",
                Map.of("job", jobName, "run", runKey),
                (rs, row) -> new SentBatch(rs.getString(1), rs.getString(2), rs.getObject(3) == null ? null : rs.getLong(3), rs.getInt(4)));
    }

    /** Drops the rows of batches MaxIM refused for good, so that no run counts their targets as reached; commits. */
    public void forget(Run run, Collection<String> batchKeys) {
        if (batchKeys.isEmpty()) {
            return;
        }
        tables.ownTransaction().executeWithoutResult(status -> tables.jdbc().batchUpdate(
                "DELETE FROM send_ledger WHERE job_name = :job AND run_key = :run AND step_name = :step AND batch_key = :batch"
                        + " AND state = 'PENDING'",
                batchKeys.stream().map(b -> (SqlParameterSource) new MapSqlParameterSource()
                        .addValue("job", run.jobName()).addValue("run", run.runKey()).addValue("step", run.stepName())
                        .addValue("batch", b)).toArray(SqlParameterSource[]::new)));
    }

    /** The PENDING batches of a run (every campaign step of it), oldest first. */
    public List<PendingBatch> pendingBatches(String jobName, String runKey) {
        return tables.jdbc().query("SELECT step_name, batch_key, COUNT(*), MIN(updated_at), MIN(CASE WHEN resend_approved THEN 1 ELSE 0 END)"
                        + " FROM send_ledger WHERE job_name = :job AND run_key = :run AND state = 'PENDING'"
                        + " GROUP BY step_name, batch_key ORDER BY MIN(updated_at), step_name, batch_key",
                Map.of("job", jobName, "run", runKey),
                (rs, row) -> new PendingBatch(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getInt(5) == 1));
    }

    /** An operator's --resend: these PENDING batches of the run (those listed to the operator) go out again with their keys on the next resume; commits. */
    public int approveResend(String jobName, String runKey, Collection<PendingBatch> batches) {
        return decide("UPDATE send_ledger SET resend_approved = TRUE", jobName, runKey, batches);
    }

    /** An operator's --forget: these PENDING batches of the run count as delivered, their targets not sent again by it; commits. */
    public int countDelivered(String jobName, String runKey, Collection<PendingBatch> batches) {
        return decide("UPDATE send_ledger SET state = 'SENT', updated_at = :now", jobName, runKey, batches);
    }

    /** Applies an operator's decision to the named batches only: a batch recorded after the listing is not decided unseen. */
    private int decide(String update, String jobName, String runKey, Collection<PendingBatch> batches) {
        if (batches.isEmpty()) {
            return 0;
        }
        long now = System.currentTimeMillis();
        int[] rows = tables.ownTransaction().execute(status -> tables.jdbc().batchUpdate(update + " WHERE job_name = :job AND run_key = :run"
                        + " AND step_name = :step AND batch_key = :batch AND state = 'PENDING'",
                batches.stream().map(b -> (SqlParameterSource) new MapSqlParameterSource().addValue("job", jobName).addValue("run", runKey)
                        .addValue("step", b.stepName()).addValue("batch", b.batchKey()).addValue("now", now))
                        .toArray(SqlParameterSource[]::new)));
        return Arrays.stream(rows).map(n -> Math.max(n, 0)).sum();
    }
}
