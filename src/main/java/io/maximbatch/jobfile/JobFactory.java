package io.maximbatch.jobfile;

import io.maximbatch.maxim.CallGuard;
import io.maximbatch.report.FailureCause;
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

    JobFactory(JobRepository jobRepository, JobFileParser parser, StopRequests stops, LiveExecutions live, CallGuard guard) {
        this.jobRepository = jobRepository;
        this.parser = parser;
        this.stops = stops;
        this.live = live;
        this.guard = guard;
    }

    public Job build(JobFile file) {
        return build(file, Map.of());
    }

    /** The job with the run's name=value parameters, which steps may use (message templates, query parameters). */
    public Job build(JobFile file, Map<String, String> parameters) {
        List<Step> steps = file.steps().stream().flatMap(spec -> steps(file, spec, parameters).stream()).toList();
        RunLogContext context = new RunLogContext(stops);
        for (Step step : steps) {
            ((AbstractStep) step).registerStepExecutionListener(context);
            if (step instanceof ChunkOrientedStep<?, ?> chunked) {
                StepLog log = new StepLog();
                chunked.registerStepExecutionListener(log);
                registerChunkListener(chunked, log);
            }
        }
        SimpleJobBuilder builder = new JobBuilder(file.name(), jobRepository).listener(live).listener(context).listener(new FailureCause())
                .start(steps.get(0));
        steps.stream().skip(1).forEach(builder::next);
        return builder.build();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void registerChunkListener(ChunkOrientedStep<?, ?> step, StepLog log) {
        ((ChunkOrientedStep) step).registerChunkListener(log);
    }

    private List<Step> steps(JobFile file, StepSpec spec, Map<String, String> parameters) {
        StepFactory factory = parser.factory(spec.type());
        return factory.steps(file, spec, factory.settings(spec), CommonStepSettings.of(spec, parameters, guard.rate()));
    }
}
