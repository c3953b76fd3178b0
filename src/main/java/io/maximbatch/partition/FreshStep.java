package io.maximbatch.partition;

import java.util.function.Supplier;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;

/** Runs each partition with a step built for it alone: our steps' writers and listeners keep per-execution state. */
final class FreshStep implements Step {

    private final String name;
    private final Supplier<Step> steps;

    FreshStep(String name, Supplier<Step> steps) {
        this.name = name;
        this.steps = steps;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public void execute(StepExecution stepExecution) throws JobInterruptedException {
        steps.get().execute(stepExecution);
    }
}
