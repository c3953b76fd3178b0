package io.maximbatch.execution;

import io.maximbatch.step.StopRequests;
import io.maximbatch.step.StepType;
import io.maximbatch.step.StepRun;
import io.maximbatch.step.RunLogContext;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.StepDefinition;
import io.maximbatch.report.FailureCause;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.partition.PartitionStep;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Turns a checked job file into a Spring Batch job whose steps run in the file's order. */
@Component
public class JobFactory {

    private final JobRepository jobRepository;
    private final StopRequests stops;
    /** In a dry run's context (DryRuns), steps that only check what MaxIM holds are left out: they write nothing. */
    private final boolean dryRun;

    JobFactory(JobRepository jobRepository, StopRequests stops, @Value("${maxim.internal.dry-run:false}") boolean dryRun) {
        this.jobRepository = jobRepository;
        this.stops = stops;
        this.dryRun = dryRun;
    }

    /** The job with the run's name=value parameters (message templates, query parameters), sending at rate requests/s. */
    public Job build(JobFile file, Map<String, String> parameters, double rate) {
        List<Step> steps = file.steps().stream().filter(step -> !dryRun || rehearsed(step))
                .flatMap(step -> steps(new StepRun<>(file, step, parameters, rate, false)).stream()).toList();
        if (steps.isEmpty()) {
            throw new IllegalArgumentException(file.path() + " has no step a dry run can rehearse (reconcile only checks)");
        }
        RunLogContext context = new RunLogContext(stops);
        // Steps of ChunkSteps have their own; a partitioned step's manager gets the job's.
        steps.stream().filter(step -> step instanceof PartitionStep).forEach(step -> ((AbstractStep) step).registerStepExecutionListener(context));
        SimpleJobBuilder builder = new JobBuilder(file.name(), jobRepository).listener(context).listener(new FailureCause())
                .start(steps.get(0));
        steps.stream().skip(1).forEach(builder::next);
        return builder.build();
    }

    /**
     * The step that runs one partition of the job file's partitioned step so named, as a worker process runs it
     * (for the partition request of an execution of this file, with the run's parameters), at its share of the rate.
     */
    public Step partitionWorker(JobFile file, String stepName, Map<String, String> parameters, double share) {
        for (StepDefinition<?> step : file.steps()) {
            // A job-file step can make several job steps (register-users: users, users-attributes): find which one.
            if (!step.kind().stepNames(step.name()).contains(stepName)) {
                continue;
            }
            if (step.common().partitions() < 2 || !partitionable(step)) {
                throw new IllegalArgumentException("step " + stepName + " of " + file.path() + " is not partitioned");
            }
            // By name: which of its names a job step has depends on its settings (a usernames step, an attributes step).
            return steps(new StepRun<>(file, step, parameters, share, true)).stream().filter(built -> built.getName().equals(stepName))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("step " + stepName + " of " + file.path()
                            + " is not made by these settings"));
        }
        throw new IllegalArgumentException(file.path() + " has no step " + stepName);
    }

    private static <S> boolean rehearsed(StepDefinition<S> step) {
        return StepType.of(step).rehearsed();
    }

    private static <S> boolean partitionable(StepDefinition<S> step) {
        return StepType.of(step).unpartitionable(step.settings()) == null;
    }

    private static <S> List<Step> steps(StepRun<S> run) {
        return run.type().steps(run);
    }
}
