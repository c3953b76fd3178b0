package io.maximbatch.maxim;

import java.util.List;
import java.util.Map;

/** Requests and answers of the MaxIM calls, as records (snake_case on the wire). */
public final class MaximModel {

    private MaximModel() {
    }

    /** Username and password of one registration; the password never leaves this record except on the wire. */
    public record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=***]";
        }
    }

    /** One item of /user/register/batch: success with user_id, or a failure reason. */
    public record BatchRegistration(Long userId, String username, Boolean success, String reason) {
        public boolean succeeded() {
            return Boolean.TRUE.equals(success) && userId != null;
        }
    }

    /** One page of ids (GET /roster/list) and the cursor of the next page, null after the last. */
    public record IdPage(List<Long> ids, String cursor) {
    }

    /** One user's result in /user/profile/batch or /user/avatar/batch. */
    public record UpdateResult(Long userId, Boolean success, String reason) {
        public boolean succeeded() {
            return Boolean.TRUE.equals(success);
        }
    }

    /** A user's profile as GET /user/profile answers it (as that user). */
    public record UserProfile(Long userId, String username, String nickName, String description, String avatar,
                              String publicInfo, String privateInfo) {
    }

    /**
     * A roster entry as POST /roster/list details it: its id, the remark (alias) the asking user gave it, its relation
     * (0 friend, 1 deleted friend, 2 stranger, 3 blacklisted), and the friend's own nickname ("nickname or name"),
     * description and avatar.
     */
    public record RosterItem(Long userId, String username, String alias, Integer relation, String nickName, String description,
                             String avatar) {
        /** Only relation 0 is a friendship; a server that sends no relation lists friends only. */
        public boolean friend() {
            return relation == null || relation == 0;
        }
    }

    /** A user as /roster/name, /user/rosters and /user/list describe it; status (/user/list): 0 normal, 1 disabled ("ban"). */
    public record UserInfo(Long userId, String username, String nickName, String name, Integer status) {
        public boolean disabled() {
            return status != null && status == 1;
        }
    }

    public record GroupCreate(String name, String description, Integer type, String avatar, List<Long> userList) {
    }

    public record GroupInfo(Long groupId, Long ownerId, Long owner, String name, String description, Long createdAt,
                            Integer count, Integer status) {
        /** /group/info/batch names the owner "owner", /group/create "owner_id". */
        public Long effectiveOwnerId() {
            return ownerId != null ? ownerId : owner;
        }
    }

    /** One user's result of /group/invite, /group/admin/add or /group/kick; user_id may be null (the Swagger requires nothing). */
    public record InviteResult(Long userId, String result, String reason) {
        public boolean succeeded() {
            return "success".equalsIgnoreCase(result);
        }
    }

    /** A member of /group/member_list or /group/admin_list; one without a user_id is left out by the client. */
    public record Member(Long userId, Long joinTime, String displayName) {
    }

    /** One page of /group/member_list; cursor is null on the last page. */
    public record MemberPage(List<Member> members, String cursor, Long total) {
    }

    public record MessageSend(List<Long> targets, int type, String content, int contentType, String ext,
                              Long fromUserId, Long transactionId) {
    }

    public record PushMessage(String type, String title, String body, String attachmentUrl, Map<String, Object> ext) {
    }

    /** audience: the string "all" or a map with exactly one of tag, alias, user_id, push_token. */
    public record PushNotify(Object audience, PushMessage message, Map<String, Object> setting) {
    }
}
