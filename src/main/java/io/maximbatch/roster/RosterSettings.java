package io.maximbatch.roster;

import io.maximbatch.jobfile.Readable;
import io.maximbatch.jobfile.SourceKeys;
import io.maximbatch.step.SourceVerdict;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.Range;

/** The import-rosters keys of a job file: the friendships, whether each also goes the other way, friends per call. */
record RosterSettings(
        @NotNull(message = SourceKeys.MISSING) @Valid @Readable(required = {RosterRow.USER, RosterRow.FRIEND}, optional = {RosterRow.REMARK, SourceVerdict.REJECT_CODE, SourceVerdict.REJECT_REASON, SourceVerdict.SKIP})
        SourceKeys source,
        Boolean mutual,
        Boolean prune,
        @Range(min = 1, max = ImportRostersStep.MAX_BATCH, message = "expected a whole number from {min} to {max}") Integer batchSize) {

    RosterSettings {
        mutual = mutual != null && mutual;
        prune = prune != null && prune;
        batchSize = batchSize == null ? ImportRostersStep.DEFAULT_BATCH : batchSize;
    }
}
