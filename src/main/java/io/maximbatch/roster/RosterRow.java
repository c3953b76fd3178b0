package io.maximbatch.roster;

import io.maximbatch.source.SourceRecord;
import io.maximbatch.step.Candidate;
import java.util.LinkedHashMap;

/**
 * One friendship as read: user_legacy_id added friend_legacy_id (and the reverse too when mutual); remark: the name
 * the user gave the friend (optional column; null leaves it as it is).
 */
record RosterRow(String line, String userLegacyId, String friendLegacyId, String remark, String problem,
                 LinkedHashMap<String, String> asRead) implements Candidate {

    static RosterRow of(SourceRecord record) {
        return new RosterRow(record.line(), record.get("user_legacy_id"), record.get("friend_legacy_id"), record.get("remark"),
                record.problem(), record.asRead("user_legacy_id", "friend_legacy_id"));
    }
}
