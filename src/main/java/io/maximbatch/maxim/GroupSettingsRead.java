package io.maximbatch.maxim;

import tools.jackson.databind.JsonNode;

/**
 * GET /group/settings as a member: a group's settings as MaxIM holds them (the Swagger's GroupInfoAndSettingsDto).
 * A field MaxIM leaves out is null: not known, so not taken for either value.
 */
public final class GroupSettingsRead {

    private GroupSettingsRead() {
    }

    /** apply_approval: 0 everyone may join, 1 an admin approves, 2 nobody may; the others as the Swagger names them. */
    public record Held(Integer applyApproval, Boolean historyVisible, Boolean memberInvite, Boolean memberModify) {

        /**
         * A setting by the name the groups step sends it under (the endpoint's): true or false, or null when MaxIM
         * did not say, or says something neither value sets (apply_approval 2).
         */
        public Boolean setting(String name) {
            return switch (name) {
                case "history_visible" -> historyVisible;
                case "allow_member_invitation" -> memberInvite;
                case "allow_member_modify" -> memberModify;
                case "require_admin_approval" -> applyApproval == null || applyApproval > 1 ? null : applyApproval == 1;
                default -> throw new IllegalArgumentException("no group setting " + name);
            };
        }
    }

    public static Held of(MaximClient client, long memberId, long groupId) {
        JsonNode data = client.exchanges().call("GET", "/group/settings?group_id=" + groupId, memberId, null, new CallTrace());
        return new Held(data.path("apply_approval").isIntegralNumber() ? data.path("apply_approval").asInt() : null,
                flag(data.path("history_visible")), flag(data.path("member_invite")), flag(data.path("member_modify")));
    }

    private static Boolean flag(JsonNode value) {
        return value.isBoolean() ? value.asBoolean() : null;
    }
}
