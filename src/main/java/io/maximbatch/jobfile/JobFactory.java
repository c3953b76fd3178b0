package io.maximbatch.jobfile;

import io.maximbatch.maxim.CallGuard;
import io.maximbatch.report.FailureCause;
import io.maximbatch.report.RejectReportListener;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.item.ChunkOrientedStep;
import org.springframework.stereotype.Component;

/** Turns a checked job file into a Spring Batch job whose steps run in the file's order. */
@Component
public class JobFactory {

    private final JobRepository jobRepository;
    private final JobFileParser parser;
    private final StopRequests stops;
    private final LiveExecutions live;
    private final CallGuard guard;
    private final PartitionedSteps partitioned;
    private final RejectReportListener rejectReport;

    JobFactory(JobRepository jobRepository, JobFileParser parser, StopRequests stops, LiveExecutions live, CallGuard guard,
               PartitionedSteps partitioned, RejectReportListener rejectReport) {
        this.jobRepository = jobRepository;
        this.parser = parser;
        this.stops = stops;
        this.live = live;
        this.guard = guard;
        this.partitioned = partitioned;
        this.rejectReport = rejectReport;
    }

    public Job build(JobFile file) {
        return build(file, Map.of());
    }

    /** The job with the run's name=value parameters, which steps may use (message templates, query parameters). */
    public Job build(JobFile file, Map<String, String> parameters) {
        List<Step> steps = file.steps().stream().flatMap(spec -> steps(file, spec, parameters).stream()).toList();
        RunLogContext context = new RunLogContext(stops);
        steps.forEach(step -> withRunLog(step, context));
        SimpleJobBuilder builder = new JobBuilder(file.name(), jobRepository).listener(live).listener(context).listener(new FailureCause())
                .start(steps.get(0));
        steps.stream().skip(1).forEach(builder::next);
        return builder.build();
    }

    /**
     * The step that runs one partition of the job file's partitioned step so named, as a worker process runs it
     * (for the partition request of an execution of this file, with the run's parameters), at its share of the rate.
     */
    public Step partitionWorker(JobFile file, String stepName, Map<String, String> parameters, double share) {
        StepSpec spec = file.steps().stream().filter(s -> s.name().equals(stepName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(file.path() + " has no step " + stepName));
        StepFactory factory = parser.factory(spec.type());
        CommonStepSettings common = CommonStepSettings.of(spec, parameters, guard.rate());
        if (common.partitions() < 2 || !factory.partitionable()) {
            throw new IllegalArgumentException("step " + stepName + " of " + file.path() + " is not partitioned");
        }
        return workerStep(file, spec, factory, common.partition(share));
    }

    /** partition: the settings of one partition (its share of the rate). */
    private Step workerStep(JobFile file, StepSpec spec, StepFactory factory, CommonStepSettings partition) {
        Step step = factory.steps(file, spec, factory.settings(spec), partition).get(0);
        return withRunLog(step, new RunLogContext(stops));
    }

    private static Step withRunLog(Step step, RunLogContext context) {
        ((AbstractStep) step).registerStepExecutionListener(context);
        if (step instanceof ChunkOrientedStep<?, ?> chunked) {
            StepLog log = new StepLog();
            chunked.registerStepExecutionListener(log);
            registerChunkListener(chunked, log);
        }
        return step;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void registerChunkListener(ChunkOrientedStep<?, ?> step, StepLog log) {
        ((ChunkOrientedStep) step).registerChunkListener(log);
    }

    private List<Step> steps(JobFile file, StepSpec spec, Map<String, String> parameters) {
        StepFactory factory = parser.factory(spec.type());
        CommonStepSettings common = CommonStepSettings.of(spec, parameters, guard.rate());
        if (common.partitions() > 1 && factory.partitionable()) {
            return List.of(partitioned.managerStep(spec.name(), common.partitions(), factory.partitioner(factory.settings(spec), common),
                    () -> workerStep(file, spec, factory, common.partition(common.rate() / common.partitions())), common.rate(),
                    rejectReport));
        }
        return factory.steps(file, spec, factory.settings(spec), common);
    }
}
