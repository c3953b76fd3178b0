package io.maximbatch.roster;

import io.maximbatch.outcome.RejectCode;
import io.maximbatch.step.LegacyIds;

/** Why import-rosters rejects a row, each with its one text. */
enum RosterReject implements RejectCode {
    MALFORMED_RECORD("%s"),
    MISSING_USER("user_legacy_id is empty"),
    MISSING_FRIEND("friend_legacy_id is empty"),
    INVALID_USER_LEGACY_ID(LegacyIds.TOO_LONG.formatted(RosterRow.USER)),
    INVALID_FRIEND_LEGACY_ID(LegacyIds.TOO_LONG.formatted(RosterRow.FRIEND)),
    INVALID_ENCODING(LegacyIds.UNDECODABLE),
    SELF_EDGE("a user cannot be their own friend (%s)"),
    UNKNOWN_USER("legacy user %s is not registered in MaxIM (unknown, or rejected by the users step)"),
    UNKNOWN_FRIEND("friend %s is not registered in MaxIM (unknown, or rejected by the users step)"),
    NOT_FRIENDS("%s has not added %s in MaxIM (see the friends step's report): a remark needs the friendship"),
    REMARK_REFUSED("MaxIM refused the remark: %s"),
    REFUSED("MaxIM refused the friendship: %s");

    private final String text;

    RosterReject(String text) {
        this.text = text;
    }

    @Override
    public String text() {
        return text;
    }
}
