package io.maximbatch.groups;

import io.maximbatch.outcome.RejectCode;
import io.maximbatch.step.LegacyIds;

/** Why create-groups rejects a group or a membership row, each with its one text. */
enum GroupReject implements RejectCode {
    MALFORMED_RECORD("%s"),
    MISSING_LEGACY_GROUP_ID("legacy_group_id is empty"),
    INVALID_LEGACY_GROUP_ID(LegacyIds.TOO_LONG.formatted(GroupRow.GROUP)),
    MISSING_OWNER_LEGACY_ID("owner_legacy_id is empty"),
    INVALID_OWNER_LEGACY_ID(LegacyIds.TOO_LONG.formatted(GroupRow.OWNER)),
    MISSING_MEMBER_LEGACY_ID("member_legacy_id is empty"),
    INVALID_MEMBER_LEGACY_ID(LegacyIds.TOO_LONG.formatted(MembershipRow.MEMBER)),
    MISSING_NAME("name is empty"),
    INVALID_NAME("name must be at most " + GroupDecision.MAX_NAME + " characters, without control characters (line breaks,"
            + " tabs, ...)"),
    INVALID_DESCRIPTION("description is longer than " + GroupDecision.MAX_DESCRIPTION + " characters"),
    INVALID_ENCODING(LegacyIds.UNDECODABLE),
    DUPLICATE_GROUP_ID("legacy_group_id %s appears more than once in the input (first at line %s)"),
    UNKNOWN_OWNER("owner %s is not a registered MaxIM user (unknown legacy id, or rejected or not yet registered by the users step)"),
    UNKNOWN_GROUP("group %s is not in MaxIM (rejected or not created; see the groups step's reject report)"),
    UNKNOWN_MEMBER("member %s is not a registered MaxIM user (unknown legacy id, or rejected or not yet registered by the users step)"),
    CREATE_REFUSED("MaxIM refused to create the group: %s"),
    INVITE_REFUSED("MaxIM refused the invitation: %s"),
    INVALID_GROUP_AVATAR("avatar %s is not an http:// or https:// URL"),
    INVALID_SETTING("%s is %s; expected true, false, 1, 0, yes, no or nothing"),
    SETTING_REFUSED("MaxIM refused the group's setting: %s"),
    INVALID_ROLE("role is %s; expected member, admin, blocked (or outcast) or nothing"),
    ADMIN_REFUSED("MaxIM refused to make the member an admin: %s"),
    INVALID_DISPLAY_NAME("display_name must be text without control characters (line breaks, tabs, ...)"),
    DISPLAY_NAME_REFUSED("MaxIM refused the member's display name: %s"),
    OWNER_BLOCKED("the group's owner cannot be blocked in it"),
    BLOCK_REFUSED("MaxIM refused to block the user in the group: %s");

    private final String text;

    GroupReject(String text) {
        this.text = text;
    }

    @Override
    public String text() {
        return text;
    }
}
