package io.maximbatch.step;

import io.maximbatch.jobfile.StepKind;
import io.maximbatch.source.SourceSpec;
import java.util.List;
import org.springframework.batch.core.step.Step;

/**
 * A step type: its package holds its rows, its decision (used alike by the run, the dry run and validate), its
 * calls, its ledger work and its settings; this is its one registration (a Spring bean).
 *
 * @param <S> its settings, read once from the job file
 */
public interface StepType<S> extends StepKind<S> {

    /** The job steps of a job-file step, in order (most types make one), built with {@link ChunkSteps}. */
    List<Step> steps(StepRun<S> run);

    /** False for a type that only checks what MaxIM holds (reconcile): a dry run leaves it out. */
    default boolean rehearsed() {
        return true;
    }

    /** For `validate`: every row through the decision, with what the job's earlier steps would write; no job state, no call. */
    default void check(S settings, Check check) {
    }

    /** For reconcile: what MaxIM must hold once the step has run, from its source and its rules. */
    default void expect(S settings, Expectations expectations) {
    }

    /** The source whose records `partitions: N` splits among the partitions, or null when the type has none. */
    default SourceSpec splitSource(S settings) {
        return null;
    }

    @Override
    default String unpartitionable(S settings) {
        return splitSource(settings) != null ? null : StepKind.super.unpartitionable(settings);
    }

    /** The step type of a job file's step (the parser keeps the bean that read it). */
    @SuppressWarnings("unchecked")
    static <S> StepType<S> of(io.maximbatch.jobfile.StepDefinition<S> step) {
        return (StepType<S>) step.kind();
    }
}
