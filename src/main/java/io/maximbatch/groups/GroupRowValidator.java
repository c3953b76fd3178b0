package io.maximbatch.groups;

import java.util.Optional;

/** The rules group and membership rows must meet before any call: required fields, lengths, plain text. */
final class GroupRowValidator {

    static final int MAX_LEGACY_ID = 255;
    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 1000;

    record Violation(String code, String reason) {
    }

    private GroupRowValidator() {
    }

    static Optional<Violation> check(GroupRow row, String recordProblem) {
        if (recordProblem != null) {
            return Optional.of(new Violation("MALFORMED_RECORD", recordProblem));
        }
        Optional<Violation> id = legacyId("legacy_group_id", row.legacyGroupId());
        if (id.isPresent()) {
            return id;
        }
        if (row.name() == null) {
            return Optional.of(new Violation("MISSING_NAME", "name is empty"));
        }
        Optional<Violation> owner = legacyId("owner_legacy_id", row.ownerLegacyId());
        if (owner.isPresent()) {
            return owner;
        }
        if (undecodable(row.name()) || undecodable(row.description())) {
            return Optional.of(encoding());
        }
        if (row.name().codePointCount(0, row.name().length()) > MAX_NAME) {
            return Optional.of(new Violation("INVALID_NAME", "name is longer than " + MAX_NAME + " characters"));
        }
        if (row.name().codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of(new Violation("INVALID_NAME", "name holds control characters (line breaks, tabs, ...)"));
        }
        if (row.description() != null && row.description().length() > MAX_DESCRIPTION) {
            return Optional.of(new Violation("INVALID_DESCRIPTION", "description is longer than " + MAX_DESCRIPTION + " characters"));
        }
        return Optional.empty();
    }

    static Optional<Violation> check(MembershipRow row, String recordProblem) {
        if (recordProblem != null) {
            return Optional.of(new Violation("MALFORMED_RECORD", recordProblem));
        }
        Optional<Violation> group = legacyId("legacy_group_id", row.legacyGroupId());
        return group.isPresent() ? group : legacyId("member_legacy_id", row.memberLegacyId());
    }

    private static Optional<Violation> legacyId(String column, String value) {
        String code = "MISSING_" + column.toUpperCase(java.util.Locale.ROOT);
        if (value == null) {
            return Optional.of(new Violation(code, column + " is empty"));
        }
        if (value.length() > MAX_LEGACY_ID) {
            return Optional.of(new Violation("INVALID_" + column.toUpperCase(java.util.Locale.ROOT),
                    column + " is longer than " + MAX_LEGACY_ID + " characters"));
        }
        if (undecodable(value)) {
            return Optional.of(encoding());
        }
        return Optional.empty();
    }

    private static Violation encoding() {
        return new Violation("INVALID_ENCODING", "the row holds bytes that are not valid text in the file's encoding (UTF-8 expected)");
    }

    private static boolean undecodable(String value) {
        return value != null && value.indexOf('\uFFFD') >= 0;
    }
}
