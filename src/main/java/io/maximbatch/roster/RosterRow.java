package io.maximbatch.roster;

import io.maximbatch.source.SourceRecord;
import io.maximbatch.step.Candidate;
import io.maximbatch.step.SourceVerdict;
import java.util.LinkedHashMap;

/**
 * One friendship as read: user_legacy_id added friend_legacy_id (and the reverse too when mutual); remark: the name
 * the user gave the friend (optional column; null leaves it as it is); verdict: what the source's query says of it.
 */
record RosterRow(String line, String userLegacyId, String friendLegacyId, String remark, String problem, SourceVerdict verdict,
                 LinkedHashMap<String, String> asRead) implements Candidate {

    /** The row, or null when the source says it is not a friendship (`skip`): every reader of the step filters it out. */
    static RosterRow candidate(SourceRecord record) {
        SourceVerdict verdict = SourceVerdict.of(record);
        if (verdict.skip() && record.problem() == null) {
            return null;
        }
        return new RosterRow(record.line(), record.get("user_legacy_id"), record.get("friend_legacy_id"), record.get("remark"),
                record.problem(), verdict, record.asRead("user_legacy_id", "friend_legacy_id"));
    }
}
