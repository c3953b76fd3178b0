package io.maximbatch.jobfile;

import java.util.List;

/**
 * What the parser knows of a step type: its `type:` name and the record its keys are bound to (Jackson, kebab-case
 * keys) and checked with (Bean Validation). The step types (one package each) implement it through their StepType.
 *
 * @param <S> the type's settings record
 */
public interface StepKind<S> {

    /** The job-file `type` of this kind. */
    String type();

    /** The record the step's own keys (besides name, type, chunk-size, skip-limit and partitions) are bound to. */
    Class<S> settingsClass();

    /** The names of the job steps made of a job-file step so named; they must be unique in the job. */
    default List<String> stepNames(String name) {
        return List.of(name);
    }

    /** Why `partitions:` cannot be used with these settings, or null when it can. */
    default String unpartitionable(S settings) {
        return "a " + type() + " step cannot be partitioned (register-users, import-rosters and push-campaign can)";
    }
}
