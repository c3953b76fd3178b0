package io.maximbatch.users;

import io.maximbatch.outcome.RejectCode;
import io.maximbatch.step.LegacyIds;

/** Why register-users rejects a row, each with its one text. */
enum UserReject implements RejectCode {
    MALFORMED_RECORD("%s"),
    MISSING_LEGACY_ID("legacy_id is empty"),
    INVALID_LEGACY_ID(LegacyIds.TOO_LONG.formatted(UserRow.LEGACY_ID)),
    MISSING_USERNAME("username is empty"),
    MISSING_PASSWORD("password is empty"),
    INVALID_ENCODING(LegacyIds.UNDECODABLE),
    INVALID_USERNAME("username %s is not one MaxIM accepts: only letters a-z A-Z, digits, '_' and Chinese characters"
            + " (U+4E00 to U+9FA5), not only digits, not beginning with lower-case 'maxim' or 'mta'"),
    USERNAME_TOO_LONG("username is %s characters long; the ID map holds at most " + UserDecision.MAX_USERNAME),
    INVALID_DISABLED("disabled is %s; expected true, false, 1, 0, yes, no or nothing"),
    INVALID_AVATAR("avatar %s is not an http:// or https:// URL"),
    DUPLICATE_LEGACY_ID("legacy_id %s appears more than once in the input (first at line %s)"),
    DUPLICATE_USERNAME("username %s is also used by legacy_id %s (line %s)"),
    LEGACY_ID_MAPPED("legacy_id %s is already mapped to username %s by an earlier run"),
    USERNAME_MAPPED("username %s is already mapped to legacy_id %s by an earlier run"),
    USERNAME_TAKEN("username %s already exists in MaxIM (on-existing: reject)"),
    USER_NOT_FOUND("MaxIM says username %s exists but cannot find it by name"),
    USER_ID_ALREADY_MAPPED("MaxIM user %s is already mapped to another legacy id"),
    REFUSED("MaxIM refused the registration: %s"),
    NOT_REGISTERED("legacy_id %s was not registered from this row by this run's users step (its reject report says why)"),
    ATTRIBUTE_REFUSED("MaxIM refused the account's %s: %s"),
    AVATAR_UNUSABLE("the account's avatar cannot be used: %s (the account is migrated without it)");

    private final String text;

    UserReject(String text) {
        this.text = text;
    }

    @Override
    public String text() {
        return text;
    }
}
