package io.maximbatch.step;

import io.maximbatch.step.internal.StepLog;
import io.maximbatch.step.internal.StoppableWriter;
import io.maximbatch.report.RejectReportListener;
import io.maximbatch.report.RejectStore;
import io.maximbatch.report.StepRecords;
import io.maximbatch.source.SourcePartitioner;
import io.maximbatch.source.SourceSpec;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.item.ChunkOrientedStep;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The shared chunk-step builder: a step type gives its reader, its rows and its writer; this adds what every step
 * has (outcome counts and skip-limit, the reject report, stop handling, the run log) and, for `partitions: N`, the
 * manager step that splits the type's source among partitions, each built the same way at its share of the rate.
 */
@Component
public class ChunkSteps {

    private final JobRepository repository;
    private final PlatformTransactionManager transactionManager;
    private final RejectStore rejectStore;
    private final RejectReportListener rejectReport;
    private final PartitionedSteps partitioned;
    private final StopRequests stops;

    ChunkSteps(JobRepository repository, PlatformTransactionManager transactionManager, RejectStore rejectStore,
               RejectReportListener rejectReport, PartitionedSteps partitioned, StopRequests stops) {
        this.repository = repository;
        this.transactionManager = transactionManager;
        this.rejectStore = rejectStore;
        this.rejectReport = rejectReport;
        this.partitioned = partitioned;
        this.stops = stops;
    }

    /** How a step reads, maps and writes; made anew for each step execution (writers and readers keep its state). */
    public record Parts<I, C>(Supplier<ItemStreamReader<I>> reader, Function<I, C> rows, Function<StepRecords, ItemWriter<C>> writer) {
    }

    /**
     * A chunk step named name, chunks sized for recordsPerCall records per call at the run's rate; partitioned when the
     * job file asks for it and the type has a source to split.
     */
    public <S, I, C> Step build(StepRun<S> run, String name, int recordsPerCall, Function<StepRun<S>, Parts<I, C>> parts) {
        SourceSpec split = run.type().splitSource(run.settings());
        int partitions = run.step().common().partitions();
        if (!run.partition() && partitions > 1 && split != null) {
            StepRun<S> share = run.partitionAt(run.rate() / partitions);
            return partitioned.managerStep(name, partitions, new SourcePartitioner(split, run.queryParameters()),
                    () -> chunk(share, name, recordsPerCall, parts.apply(share)), run.rate(), rejectReport);
        }
        return chunk(run, name, recordsPerCall, parts.apply(run));
    }

    private <I, C> Step chunk(StepRun<?> run, String name, int recordsPerCall, Parts<I, C> parts) {
        StepRecords records = new StepRecords(rejectStore, run.step().common().skipLimit());
        ChunkOrientedStep<I, C> step = (ChunkOrientedStep<I, C>) new StepBuilder(name, repository)
                .<I, C>chunk(run.chunkSize(recordsPerCall))
                .transactionManager(transactionManager)
                .reader(parts.reader().get())
                .processor(parts.rows()::apply)
                .writer(StoppableWriter.of(parts.writer().apply(records)))
                .listener(records)
                .listener(rejectReport)
                .build();
        step.registerStepExecutionListener(new RunLogContext(stops));
        StepLog log = new StepLog();
        step.registerStepExecutionListener(log);
        registerChunkListener(step, log);
        return step;
    }

    /** A step that runs the tasklet once (in a transaction), with the run log; for steps that check rather than write. */
    public Step tasklet(String name, Tasklet tasklet) {
        AbstractStep step = (AbstractStep) new StepBuilder(name, repository).tasklet(tasklet, transactionManager).build();
        step.registerStepExecutionListener(new RunLogContext(stops));
        return step;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void registerChunkListener(ChunkOrientedStep<?, ?> step, StepLog log) {
        ((ChunkOrientedStep) step).registerChunkListener(log);
    }
}
