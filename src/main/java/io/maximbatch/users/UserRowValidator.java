package io.maximbatch.users;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules a user row must meet before any call: required fields and MaxIM's username rule. */
final class UserRowValidator {

    /** Letters, digits, '_' and CJK ideographs (maxim-api/README.md, /user/register/v2). */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_\\p{IsHan}]{1,64}");
    private static final Pattern DIGITS_ONLY = Pattern.compile("[0-9]+");
    static final int MAX_LEGACY_ID = 255;

    record Violation(String code, String reason) {
    }

    private UserRowValidator() {
    }

    static Optional<Violation> check(UserRow row, String recordProblem) {
        if (recordProblem != null) {
            return Optional.of(new Violation("MALFORMED_RECORD", recordProblem));
        }
        if (row.legacyId() == null) {
            return Optional.of(new Violation("MISSING_LEGACY_ID", "legacy_id is empty"));
        }
        if (row.legacyId().length() > MAX_LEGACY_ID) {
            return Optional.of(new Violation("INVALID_LEGACY_ID", "legacy_id is longer than " + MAX_LEGACY_ID + " characters"));
        }
        if (row.username() == null) {
            return Optional.of(new Violation("MISSING_USERNAME", "username is empty"));
        }
        if (row.password() == null) {
            return Optional.of(new Violation("MISSING_PASSWORD", "password is empty"));
        }
        if (containsUndecodable(row.legacyId()) || containsUndecodable(row.username()) || containsUndecodable(row.password())
                || containsUndecodable(row.nickname())) {
            return Optional.of(new Violation("INVALID_ENCODING", "the row holds bytes that are not valid text in the file's encoding (UTF-8 expected)"));
        }
        String username = row.username();
        if (!USERNAME.matcher(username).matches()) {
            return Optional.of(new Violation("INVALID_USERNAME",
                    "username may hold only letters, digits, '_' and CJK characters (1 to 64): " + username));
        }
        if (DIGITS_ONLY.matcher(username).matches()) {
            return Optional.of(new Violation("INVALID_USERNAME", "username must not be only digits: " + username));
        }
        String lower = username.toLowerCase(Locale.ROOT);
        if (lower.startsWith("maxim") || lower.startsWith("mta")) {
            return Optional.of(new Violation("INVALID_USERNAME", "username must not begin with 'maxim' or 'mta': " + username));
        }
        return Optional.empty();
    }

    private static boolean containsUndecodable(String value) {
        return value != null && value.indexOf('\uFFFD') >= 0;
    }
}
