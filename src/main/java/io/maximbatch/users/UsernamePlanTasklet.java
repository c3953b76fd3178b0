package io.maximbatch.users;

import io.maximbatch.report.StepOutcomes;
import io.maximbatch.source.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The `<step>-usernames` step, a chunk of names per call (each committed with the step's counts, so that the progress
 * line moves): the first pass counts every record read as it takes the names MaxIM accepts, the second counts each
 * name rewritten. A new step execution (a restart) decides the whole plan again from the start.
 */
final class UsernamePlanTasklet implements Tasklet {

    /** How a run starts: forgets the instance's plan and gives its Names. */
    interface Start {
        UsernameAssignment.Names plan(long instance);
    }

    private final Supplier<ItemStreamReader<SourceRecord>> source;
    private final Function<SourceRecord, UserRow> rows;
    private final Start start;
    private final Consumer<StepExecution> finish;
    private Long execution;
    private UsernameAssignment.Names names;
    private ItemStreamReader<SourceRecord> reader;
    private boolean rewriting;

    /** finish: writes the report and the summary once every name is decided. */
    UsernamePlanTasklet(Supplier<ItemStreamReader<SourceRecord>> source, Function<SourceRecord, UserRow> rows, Start start,
                        Consumer<StepExecution> finish) {
        this.source = source;
        this.rows = rows;
        this.start = start;
        this.finish = finish;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        try {
            if (execution == null || step.getId() != execution) {
                begin(step);
            }
            List<UserRow> chunk = new ArrayList<>(UsernameAssignment.CHUNK);
            for (SourceRecord record = null; chunk.size() < UsernameAssignment.CHUNK && (record = reader.read()) != null; ) {
                chunk.add(rows.apply(record));
            }
            if (!rewriting) {
                UsernameAssignment.takeUnchanged(chunk, names);
                chunk.forEach(row -> contribution.incrementReadCount());
            } else {
                StepOutcomes.addWritten(step, UsernameAssignment.rewrite(chunk, names));
            }
            if (chunk.size() == UsernameAssignment.CHUNK) {
                return RepeatStatus.CONTINUABLE;
            }
            close();
            if (!rewriting) {
                rewriting = true;
                reader = opened();
                return RepeatStatus.CONTINUABLE;
            }
            long rewritten = StepOutcomes.of(step).written();
            contribution.incrementFilterCount(step.getReadCount() + contribution.getReadCount() - rewritten);
            execution = null;
            finish.accept(step);
            return RepeatStatus.FINISHED;
        } catch (Exception | Error e) {
            execution = null;
            close();
            throw e;
        }
    }

    private void begin(StepExecution step) {
        close();
        StepOutcomes.start(step);
        execution = step.getId();
        names = start.plan(step.getJobExecution().getJobInstance().getInstanceId());
        rewriting = false;
        reader = opened();
    }

    private void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    private ItemStreamReader<SourceRecord> opened() {
        ItemStreamReader<SourceRecord> opened = source.get();
        opened.open(new ExecutionContext());
        return opened;
    }
}
