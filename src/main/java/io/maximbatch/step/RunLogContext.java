package io.maximbatch.step;

import io.maximbatch.maxim.CallScope;
import org.slf4j.MDC;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Puts job, execution and step into every log line of a run (MDC keys job, execution, step), and gives the
 * step's MaxIM calls a scope that sees an operator's stop between two attempts.
 */
public final class RunLogContext implements JobExecutionListener, StepExecutionListener {

    public static final String JOB = "job";
    public static final String EXECUTION = "execution";
    public static final String STEP = "step";

    private final StopRequests stops;

    public RunLogContext(StopRequests stops) {
        this.stops = stops;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        MDC.put(JOB, execution.getJobInstance().getJobName());
        MDC.put(EXECUTION, String.valueOf(execution.getId()));
    }

    @Override
    public void afterJob(JobExecution execution) {
        MDC.remove(STEP);
        MDC.remove(EXECUTION);
        MDC.remove(JOB);
    }

    @Override
    public void beforeStep(StepExecution step) {
        beforeJob(step.getJobExecution());
        MDC.put(STEP, step.getStepName());
        CallScope.enter(new CallScope(stops.of(step.getJobExecutionId())));
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        CallScope.leave();
        MDC.remove(STEP);
        return null;
    }
}
