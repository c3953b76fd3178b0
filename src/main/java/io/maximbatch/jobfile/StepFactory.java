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

    /**
     * The Spring Batch steps of one job-file step, built from settings that {@link #settings} produced without
     * problems, run in this order as steps of the job; most types have one. Separate job steps (rather than one
     * flow step) restart one by one and show in the summary each with its counts.
     */
    List<Step> steps(JobFile job, StepSpec spec, Object settings, CommonStepSettings common);

    /**
     * What the step would do, for `run --dry-run`: read-only (no call that writes, no ledger write), in lines for
     * people; the calls it would make are counted in {@link Plan#calls}.
     */
    default Plan plan(JobFile job, StepSpec spec, Object settings, CommonStepSettings common, RowCheck planned) {
        return plan(job, spec, settings, common);
    }

    /** As above, for steps whose plan does not depend on what earlier steps of the job would write. */
    default Plan plan(JobFile job, StepSpec spec, Object settings, CommonStepSettings common) {
        return new Plan(List.of("no dry-run plan for " + type() + " steps in this version"), 0);
    }

    /** A step's dry-run plan: lines to print, and the number of MaxIM calls it would make. */
    /** counts: the plan's figures by name (written, already done, rejected), as the run's summary will count them. */
    record Plan(List<String> lines, long calls, java.util.Map<String, Long> counts) {

        public Plan(List<String> lines, long calls) {
            this(lines, calls, java.util.Map.of());
        }
    }

    /**
     * Checks every row of the step's sources with the step's own validators and records the rows it would reject
     * (for `validate`): no job state, no call to MaxIM. Steps without rows of their own check nothing.
     */
    default void check(JobFile job, StepSpec spec, Object settings, RowCheck check) {
    }

    /**
     * True when the type can run as `partitions: N` (its one step split by its source's records); then
     * {@link #partitioner} splits the source and {@link #steps} builds the step that runs one partition.
     */
    default boolean partitionable() {
        return false;
    }

    /** Splits the step's source into partitions (see {@link io.maximbatch.source.SourcePartitioner}). */
    default org.springframework.batch.core.partition.Partitioner partitioner(Object settings, CommonStepSettings common) {
        throw new UnsupportedOperationException(type() + " steps cannot be partitioned");
    }

    /** The names of the job steps {@link #steps} makes of a job-file step so named; they must be unique in the job. */
    default List<String> stepNames(String name) {
        return List.of(name);
    }
}
