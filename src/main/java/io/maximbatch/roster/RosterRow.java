package io.maximbatch.roster;

import io.maximbatch.source.SourceRecord;
import io.maximbatch.step.Candidate;
import java.util.LinkedHashMap;

/** One friendship as read: user_legacy_id added friend_legacy_id (and the reverse too when mutual). */
record RosterRow(String line, String userLegacyId, String friendLegacyId, String problem, LinkedHashMap<String, String> asRead)
        implements Candidate {

    static RosterRow of(SourceRecord record) {
        return new RosterRow(record.line(), record.get("user_legacy_id"), record.get("friend_legacy_id"), record.problem(), record.asRead("user_legacy_id", "friend_legacy_id"));
    }
}
