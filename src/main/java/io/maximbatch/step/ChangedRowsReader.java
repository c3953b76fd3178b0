package io.maximbatch.step;

import io.maximbatch.report.StepRecords;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads ahead of a chunk step and passes on only the rows its writer has something to do with. A block of rows at a
 * time is decided (the step's own decision, its ledgers looked up once for the block); a row already done is counted
 * here, as already done, instead of being passed on. So a delta run's chunks hold its changes only, and its batched
 * calls are as full as a full run's. The writer decides the rows it gets again, as it always does.
 *
 * <p>The position saved at a commit is the source's just after the last row passed on: rows read ahead but not passed
 * on yet are read again by a restart, and counted then.
 *
 * @param <R> the source's records
 * @param <T> the rows the decision takes (null from rows: a row the step filters out; it is passed on)
 */
public final class ChangedRowsReader<R, T> implements ItemStreamReader<R> {

    /** Rows decided at once. */
    static final int BLOCK = 1000;

    private final ItemStreamReader<R> source;
    private final Function<R, T> rows;
    private final BiFunction<List<T>, Long, List<Boolean>> needsWriter;
    private final Deque<Ahead<R>> ahead = new ArrayDeque<>();
    private StepExecution step;
    private boolean exhausted;
    /** Rows already done after the last row queued (passed on with the next one, or at the end). */
    private long carried;
    private ExecutionContext end;
    /** The source's state just after the last row passed on. */
    private ExecutionContext position = new ExecutionContext();
    /** Rows already done before the rows passed on since the last commit. */
    private long uncounted;
    private long unchanged;

    private record Ahead<R>(R record, long alreadyDoneBefore, ExecutionContext after) {
    }

    /**
     * @param needsWriter for a block of rows (none null) and the run's job instance id (null in a dry run): whether
     *                    each needs the writer (false: already done, nothing to send or report)
     */
    public ChangedRowsReader(ItemStreamReader<R> source, Function<R, T> rows, BiFunction<List<T>, Long, List<Boolean>> needsWriter) {
        this.source = source;
        this.rows = rows;
        this.needsWriter = needsWriter;
    }

    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        source.open(executionContext);
        StepContext context = StepSynchronizationManager.getContext();
        step = context == null ? null : context.getStepExecution();
        position = snapshot();
    }

    @Override
    public R read() throws Exception {
        while (ahead.isEmpty() && !exhausted) {
            readBlock();
        }
        if (ahead.isEmpty()) {
            // The rows after the last one passed on are all done: counted, and the position is the source's end.
            uncounted += carried;
            carried = 0;
            position = end;
            return null;
        }
        Ahead<R> next = ahead.poll();
        uncounted += next.alreadyDoneBefore();
        position = next.after();
        return next.record();
    }

    private void readBlock() throws Exception {
        List<R> records = new ArrayList<>();
        List<ExecutionContext> after = new ArrayList<>();
        while (records.size() < BLOCK) {
            R record = source.read();
            if (record == null) {
                exhausted = true;
                end = snapshot();
                break;
            }
            records.add(record);
            after.add(snapshot());
        }
        List<T> mapped = new ArrayList<>();
        List<T> decided = new ArrayList<>();
        for (R record : records) {
            T row = rows.apply(record);
            mapped.add(row);
            if (row != null) {
                decided.add(row);
            }
        }
        List<Boolean> needs = decided.isEmpty() ? List.of() : needsWriter.apply(decided, step == null ? null : step.getJobExecution().getJobInstance().getInstanceId());
        for (int i = 0, d = 0; i < records.size(); i++) {
            if (mapped.get(i) == null || needs.get(d++)) {
                ahead.add(new Ahead<>(records.get(i), carried, after.get(i)));
                carried = 0;
            } else {
                carried++;
            }
        }
    }

    /** The source's state now, as it would save it. */
    private ExecutionContext snapshot() {
        ExecutionContext state = new ExecutionContext();
        source.update(state);
        return state;
    }

    @Override
    public void update(ExecutionContext executionContext) throws ItemStreamException {
        for (Map.Entry<String, Object> entry : position.entrySet()) {
            executionContext.put(entry.getKey(), entry.getValue());
        }
        if (step != null && uncounted > 0) {
            StepRecords.alreadyDoneAhead(step, uncounted);
        }
        unchanged += uncounted;
        uncounted = 0;
    }

    /** Rows passed over as already done so far (a dry run's; a run counts them in its step execution at each commit). */
    public long alreadyDone() {
        return unchanged + uncounted;
    }

    @Override
    public void close() throws ItemStreamException {
        source.close();
    }
}
