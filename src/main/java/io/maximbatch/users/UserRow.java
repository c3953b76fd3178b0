package io.maximbatch.users;

import io.maximbatch.source.SourceRecord;
import io.maximbatch.step.Candidate;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One user to register, as read; problem is why the record itself is malformed (null when it is not). asRead has
 * the password redacted and is what a reject report shows. derivedPassword: the password was derived, not read;
 * legacyUsername: the source's name when the row carries a rewritten one, else null.
 */
record UserRow(String line, String legacyId, String username, String password, AccountFields account, String problem,
               LinkedHashMap<String, String> asRead, boolean derivedPassword, String legacyUsername) implements Candidate {

    UserRow(String line, String legacyId, String username, String password, AccountFields account, String problem,
            LinkedHashMap<String, String> asRead) {
        this(line, legacyId, username, password, account, problem, asRead, false, null);
    }

    /** The source's columns, named once: the job file's check, the readers and the rows use these. */
    static final String LEGACY_ID = "legacy_id";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final List<String> COLUMNS = List.of(LEGACY_ID, USERNAME, PASSWORD);

    /** The row with the name `usernames: rewrite` gave it (null: none, the row as it is); legacyUsername keeps the old. */
    UserRow rewrittenTo(String name) {
        return name == null ? this : new UserRow(line, legacyId, name, password, account, problem, asRead, derivedPassword, username);
    }

    static UserRow of(SourceRecord record, Passwords passwords) {
        String legacyId = record.get(LEGACY_ID);
        String column = passwords.column() == null ? null : record.get(passwords.column());
        return new UserRow(record.line(), legacyId, record.get(USERNAME), passwords.of(legacyId, column),
                AccountFields.of(record), record.problem(), redacted(record, passwords.column()), passwords.derives(column), null);
    }

    /** The record as read with its password masked: it goes to reports and the job database. */
    private static LinkedHashMap<String, String> redacted(SourceRecord record, String passwordColumn) {
        LinkedHashMap<String, String> fields = record.asRead(LEGACY_ID);
        for (String column : new String[] {PASSWORD, passwordColumn}) {
            if (column != null && record.header(column) != null) {
                fields.computeIfPresent(record.header(column), (header, value) -> value == null || value.isEmpty() ? value : SourceRecord.MASKED);
            }
        }
        // A picture's base64 runs to megabytes: reports and the job database get its length only.
        String picture = record.header(AccountFields.AVATAR_BASE64);
        if (picture != null) {
            fields.computeIfPresent(picture, (header, value) -> value == null || value.isEmpty() ? value : "(" + value.length() + " base64 characters)");
        }
        return fields;
    }

    @Override
    public String toString() {
        return "UserRow[line=" + line + ", legacyId=" + legacyId + ", username=" + username + "]";
    }
}
