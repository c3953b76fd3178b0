package io.maximbatch.jobfile;

import java.util.List;
import java.util.Set;
import org.springframework.batch.core.step.Step;

/** Builds the Spring Batch step of one step type; each step package provides one. */
public interface StepFactory {

    /** The job-file `type` this factory builds. */
    String type();

    /** The keys this type accepts besides name, type, chunk-size and skip-limit. */
    Set<String> keys();

    /** Reads every key of the step, recording problems in the spec; the settings object when there are none. */
    Object settings(StepSpec spec);

    /** Builds the step from settings that {@link #settings} produced without problems. */
    Step build(JobFile job, StepSpec spec, Object settings, CommonStepSettings common);

    /**
     * The Spring Batch steps of one job-file step, run in this order as steps of the job; most types have one.
     * Separate job steps (rather than one flow step) restart one by one and show in the summary each with its counts.
     */
    default List<Step> steps(JobFile job, StepSpec spec, Object settings, CommonStepSettings common) {
        return List.of(build(job, spec, settings, common));
    }
}
