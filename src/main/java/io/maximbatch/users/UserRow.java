package io.maximbatch.users;

import io.maximbatch.source.SourceRecord;
import io.maximbatch.step.Candidate;
import java.util.LinkedHashMap;

/**
 * One user to register, as read; problem is why the record itself is malformed (null when it is not). asRead has
 * the password redacted and is what a reject report shows.
 */
record UserRow(String line, String legacyId, String username, String password, AccountFields account, String problem,
               LinkedHashMap<String, String> asRead) implements Candidate {

    static UserRow of(SourceRecord record) {
        return new UserRow(record.line(), record.get("legacy_id"), record.get("username"), record.get("password"),
                AccountFields.of(record), record.problem(), redacted(record));
    }

    /** The record as read with its password masked: it goes to reports and the job database. */
    private static LinkedHashMap<String, String> redacted(SourceRecord record) {
        LinkedHashMap<String, String> fields = record.asRead("legacy_id");
        fields.computeIfPresent(record.header("password"),
                (header, value) -> value == null || value.isEmpty() ? value : SourceRecord.MASKED);
        return fields;
    }

    @Override
    public String toString() {
        return "UserRow[line=" + line + ", legacyId=" + legacyId + ", username=" + username + "]";
    }
}
