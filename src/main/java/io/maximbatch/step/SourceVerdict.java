package io.maximbatch.step;

import io.maximbatch.outcome.Why;
import io.maximbatch.source.SourceRecord;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a source's own query says of a row before any rule of ours: `reject_code` (with `reject_reason`) rejects it
 * under that code (a roster contact on another server: REMOTE_JID); `skip` (true, t, 1, yes) says it is not a
 * candidate at all (a one-way roster entry): the step filters it out and counts it. Optional columns; read once here.
 */
public record SourceVerdict(String rejectCode, String rejectReason, boolean skip) {

    /** The optional columns a source may give for this. */
    public static final String REJECT_CODE = "reject_code";
    public static final String REJECT_REASON = "reject_reason";
    public static final String SKIP = "skip";
    public static final Set<String> COLUMNS = Set.of(REJECT_CODE, REJECT_REASON, SKIP);

    private static final Set<String> TRUE = Set.of("true", "t", "1", "yes", "y");

    public static SourceVerdict of(SourceRecord record) {
        String skip = record.get(SKIP);
        return new SourceVerdict(record.get(REJECT_CODE), record.get(REJECT_REASON),
                skip != null && TRUE.contains(skip.toLowerCase(Locale.ROOT)));
    }

    /** The reject the source asks for, if any; without a reason column, a text that says where the code came from. */
    public Optional<Why> rejected() {
        if (rejectCode == null) {
            return Optional.empty();
        }
        return Optional.of(new Why(rejectCode, rejectReason != null ? rejectReason
                : "the source's query marks this row " + rejectCode));
    }
}
