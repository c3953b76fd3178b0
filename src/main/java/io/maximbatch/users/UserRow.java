package io.maximbatch.users;

import io.maximbatch.source.SourceRecord;
import io.maximbatch.step.Candidate;
import java.util.LinkedHashMap;

/**
 * One user to register, as read; problem is why the record itself is malformed (null when it is not). asRead has
 * the password redacted and is what a reject report shows.
 */
record UserRow(String line, String legacyId, String username, String password, String nickname, String problem,
               LinkedHashMap<String, String> asRead) implements Candidate {

    static final String REDACTED = "***";

    static UserRow of(SourceRecord record) {
        return new UserRow(record.line(), record.get("legacy_id"), record.get("username"), record.get("password"),
                record.get("nickname"), record.problem(), redacted(record));
    }

    /** The record as read with its password column blanked out: it goes to reports and the job database. */
    private static LinkedHashMap<String, String> redacted(SourceRecord record) {
        LinkedHashMap<String, String> fields = record.asRead();
        String passwordHeader = record.header("password");
        boolean after = false;
        for (var field : fields.entrySet()) {
            after |= field.getKey().equals(passwordHeader);
            // In a malformed row the password may have spilled into the columns after it: blank those too.
            boolean secret = field.getKey().equals(passwordHeader) || (after && record.problem() != null);
            if (secret && field.getValue() != null && !field.getValue().isEmpty()) {
                field.setValue(REDACTED);
            }
        }
        return fields;
    }

    @Override
    public String toString() {
        return "UserRow[line=" + line + ", legacyId=" + legacyId + ", username=" + username + "]";
    }
}
