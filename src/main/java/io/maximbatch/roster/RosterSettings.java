package io.maximbatch.roster;

import io.maximbatch.jobfile.StepSpec;
import io.maximbatch.source.SourceSpec;
import java.util.List;
import java.util.Set;

/** The import-rosters keys of a job file; read the same way by the step and by reconcile. */
public record RosterSettings(SourceSpec source, boolean mutual, int batchSize) {

    static final List<String> COLUMNS = List.of("user_legacy_id", "friend_legacy_id");
    static final Set<String> KEYS = Set.of("source", "mutual", "batch-size");
    static final int DEFAULT_BATCH = 100;
    static final int MAX_BATCH = 100;

    public static RosterSettings from(StepSpec spec) {
        return new RosterSettings(spec.source("source", COLUMNS), spec.flag("mutual", false),
                spec.wholeNumber("batch-size", DEFAULT_BATCH, 1, MAX_BATCH));
    }
}
