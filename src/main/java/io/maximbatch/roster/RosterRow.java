package io.maximbatch.roster;

import io.maximbatch.source.SourceRecord;
import io.maximbatch.step.Candidate;
import io.maximbatch.step.SourceVerdict;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One friendship as read: user_legacy_id added friend_legacy_id (and the reverse too when mutual); remark: the name
 * the user gave the friend (optional column; null leaves it as it is); verdict: what the source's query says of it.
 */
record RosterRow(String line, String userLegacyId, String friendLegacyId, String remark, String problem, SourceVerdict verdict,
                 LinkedHashMap<String, String> asRead) implements Candidate {

    /** The source's columns, named once: the job file's check, the readers and the rows use these. */
    static final String USER = "user_legacy_id";
    static final String FRIEND = "friend_legacy_id";
    static final String REMARK = "remark";
    static final List<String> COLUMNS = List.of(USER, FRIEND);

    /** The row, or null when the source says it is not a friendship (`skip`): every reader of the step filters it out. */
    static RosterRow candidate(SourceRecord record) {
        SourceVerdict verdict = SourceVerdict.of(record);
        if (verdict.skip() && record.problem() == null) {
            return null;
        }
        return new RosterRow(record.line(), record.get(USER), record.get(FRIEND), record.get(REMARK),
                record.problem(), verdict, record.asRead(USER, FRIEND));
    }
}
