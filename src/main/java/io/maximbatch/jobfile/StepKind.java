package io.maximbatch.jobfile;

import java.util.List;
import java.util.Set;

/**
 * What the parser knows of a step type: its `type:` name, its keys and how they are read into its typed settings.
 * The step types (one package each) implement it through their StepType.
 *
 * @param <S> the type's settings record
 */
public interface StepKind<S> {

    /** The job-file `type` of this kind. */
    String type();

    /** The keys this type accepts besides name, type, chunk-size, skip-limit and partitions. */
    Set<String> keys();

    /** Reads every key of the step once, recording problems in the spec; the settings when there are none. */
    S settings(StepSpec spec);

    /** The names of the job steps made of a job-file step so named; they must be unique in the job. */
    default List<String> stepNames(String name) {
        return List.of(name);
    }

    /** Why `partitions:` cannot be used with these settings, or null when it can. */
    default String unpartitionable(S settings) {
        return "a " + type() + " step cannot be partitioned (register-users, import-rosters and push-campaign can)";
    }
}
