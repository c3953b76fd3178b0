package io.maximbatch.blocks;

import io.maximbatch.jobfile.Readable;
import io.maximbatch.jobfile.SourceKeys;
import io.maximbatch.step.SourceVerdict;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The block-users keys of a job file: who blocks whom. */
record BlockSettings(
        @NotNull(message = SourceKeys.MISSING) @Valid @Readable(required = {BlockRow.USER, BlockRow.BLOCKED}, optional = {SourceVerdict.REJECT_CODE, SourceVerdict.REJECT_REASON, SourceVerdict.SKIP})
        SourceKeys source) {
}
