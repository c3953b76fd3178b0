package io.maximbatch.maxim;

import io.maximbatch.maxim.MaximModel.BatchRegistration;
import io.maximbatch.maxim.MaximModel.Credentials;
import io.maximbatch.maxim.MaximModel.GroupCreate;
import io.maximbatch.maxim.MaximModel.GroupInfo;
import io.maximbatch.maxim.MaximModel.IdPage;
import io.maximbatch.maxim.MaximModel.InviteResult;
import io.maximbatch.maxim.MaximModel.Member;
import io.maximbatch.maxim.MaximModel.MessageSend;
import io.maximbatch.maxim.MaximModel.PushNotify;
import io.maximbatch.maxim.MaximModel.RosterItem;
import io.maximbatch.maxim.MaximModel.UpdateResult;
import io.maximbatch.maxim.MaximModel.UserProfile;
import io.maximbatch.maxim.MaximModel.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * Typed calls to the MaxIM server API. Every call goes through the shared {@link CallGuard} (rate limit, retry);
 * a call that does not succeed in the end throws {@link MaximException} with its {@link ErrorClass}.
 */
public final class MaximClient {

    /** Friends whose details one POST /roster/list asks for. */
    static final int FRIEND_DETAILS = 500;

    private final MaximTransport transport;
    private final CallGuard guard;
    private final Exchanges exchanges;

    public MaximClient(MaximTransport transport, CallGuard guard) {
        this(transport, guard, null);
    }

    /** recorder: a dry run's, which answers every write instead of sending it; null in a run. */
    public MaximClient(MaximTransport transport, CallGuard guard, WriteRecorder recorder) {
        this.transport = transport;
        this.guard = guard;
        this.exchanges = new Exchanges(transport, guard, recorder, new TakenUsernames(this, TakenUsernames.MAX_PAGES));
    }

    /** POST /user/register/v2: the new user's id. */
    public long registerUser(Credentials credentials, CallTrace trace) {
        JsonNode data = call("POST", "/user/register/v2", null,
                Map.of("username", credentials.username(), "password", credentials.password()), trace);
        if (!data.path("user_id").isIntegralNumber()) {
            throw transport.malformed("/user/register/v2", "the answer has no user_id");
        }
        return data.path("user_id").asLong();
    }

    /**
     * POST /user/register/batch: each user's result, in the order of the request, paired by username (the answer's
     * order is not documented), or by position when the answer names nobody and has one result per user. A user
     * without a result of its own (a short answer, a name spelled otherwise) is null: the caller asks for it alone.
     */
    public List<BatchRegistration> registerBatch(List<Credentials> users, CallTrace trace) {
        List<Map<String, String>> list = users.stream().map(c -> Map.of("username", c.username(), "password", c.password())).toList();
        JsonNode data = call("POST", "/user/register/batch", null, Map.of("list", list), trace);
        return ItemPairing.registrations(users, transport.convert(data, new TypeReference<>() { }));
    }

    /** GET /roster/name: the user with that username, or empty when MaxIM has none (10000). */
    public Optional<UserInfo> findUser(String username) {
        try {
            JsonNode data = call("GET", "/roster/name?username=" + Exchanges.encode(username), null, null, new CallTrace());
            UserInfo user = transport.convert(data, UserInfo.class);
            if (user == null || user.userId() == null) {
                throw transport.malformed("/roster/name", "the answer has no user_id");
            }
            return Optional.of(user);
        } catch (MaximException e) {
            if (e.code() == ErrorCodes.USER_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** POST /user/add_roster as userId: adds the friends to that user's list. */
    public void addRoster(long userId, List<Long> friendIds, CallTrace trace) {
        exchanges.confirmed("POST", "/user/add_roster", userId, Map.of("list", friendIds), trace);
    }

    /**
     * POST /user/profile/batch: each item a user_id and the profile fields to set (nick_name, description,
     * public_info, private_info); one result per item, paired by user_id (null: the answer has none for it). Not
     * retried once it may have been carried out: the caller reads the profile back instead of sending it twice.
     */
    public List<UpdateResult> updateProfiles(List<Map<String, Object>> items, CallTrace trace) {
        return ItemPairing.updates(items, transport.convert(exchanges.once("POST", "/user/profile/batch", Map.of("list", items), trace), new TypeReference<>() { }));
    }

    /** POST /user/avatar/batch: each item {user_id, avatar}; as updateProfiles. */
    public List<UpdateResult> updateAvatars(List<Map<String, Object>> items, CallTrace trace) {
        return ItemPairing.updates(items, transport.convert(exchanges.once("POST", "/user/avatar/batch", Map.of("list", items), trace), new TypeReference<>() { }));
    }

    /**
     * PUT /user/disable (or /user/enable). After a failure that may have carried it out, sent again only when
     * GET /user/list shows one of the users otherwise: MaxIM counts each call, so none is sent twice.
     */
    public void setDisabled(List<Long> userIds, boolean disabled, CallTrace trace) {
        String path = disabled ? "/user/disable" : "/user/enable";
        exchanges.confirmedUnlessCarriedOut("PUT", path, null, Map.of("list", userIds), trace,
                () -> PagedLists.users(this, userIds).values().stream().filter(user -> user.disabled() == disabled).count() == userIds.size());
    }

    /**
     * POST /user/push/tag as the user: binds the tags. After a failure that may have bound them, sent again only when
     * GET /user/push/tag lacks one of them: MaxIM counts each bind.
     */
    public void bindTags(long userId, List<String> tags, CallTrace trace) {
        exchanges.confirmedUnlessCarriedOut("POST", "/user/push/tag", userId, Map.of("tags", tags), trace, () -> tags(userId).containsAll(tags));
    }

    /**
     * DELETE /user/push/tag as the user: unbinds the tags. After a failure that may have unbound them, sent again only
     * when GET /user/push/tag still shows one of them.
     */
    public void unbindTags(long userId, List<String> tags, CallTrace trace) {
        exchanges.confirmedUnlessCarriedOut("DELETE", "/user/push/tag", userId, Map.of("tags", tags), trace,
                () -> tags(userId).stream().noneMatch(tags::contains));
    }

    /** GET /user/push/tag as the user: the tags bound to it. */
    public List<String> tags(long userId) {
        List<String> tags = transport.convert(call("GET", "/user/push/tag", userId, null, new CallTrace()), new TypeReference<>() { });
        return tags == null ? List.of() : tags;
    }

    /** POST /user/push/alias as the user. MaxIM offers no read of an alias: the same again changes nothing, so it is retried. */
    public void bindAlias(long userId, String alias, CallTrace trace) {
        exchanges.confirmed("POST", "/user/push/alias", userId, Map.of("alias", alias), trace);
    }

    /** GET /user/profile as the user. */
    public UserProfile profile(long userId) {
        UserProfile profile = transport.convert(call("GET", "/user/profile", userId, null, new CallTrace()), UserProfile.class);
        if (profile == null) {
            throw transport.malformed("/user/profile", "the answer has no profile");
        }
        return profile;
    }

    /** DELETE /roster/delete as the user: the friend leaves its list (false when it was not in it: 10007). */
    public boolean removeFriend(long userId, long friendId, CallTrace trace) {
        try {
            exchanges.confirmed("DELETE", "/roster/delete?user_id=" + friendId, userId, null, trace);
            return true;
        } catch (MaximException e) {
            if (e.code() == ErrorCodes.FRIEND_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /**
     * POST /roster/ext as the user: the remark it gives a friend. After a failure that may have set it, sent again
     * only when the friend's details (POST /roster/list) show another remark.
     */
    public void setRemark(long userId, long friendId, String remark, CallTrace trace) {
        exchanges.confirmedUnlessCarriedOut("POST", "/roster/ext", userId, Map.of("user_id", friendId, "alias", remark), trace,
                () -> remark.equals(remarkOf(userId, friendId)));
    }

    /** The remark a user gave a friend, as POST /roster/list details show it; null when none, or not friends (relation 0). */
    public String remarkOf(long userId, long friendId) {
        return friendDetails(userId, List.of(friendId)).stream().filter(item -> Objects.equals(item.userId(), friendId) && item.friend())
                .findFirst().map(RosterItem::alias).orElse(null);
    }

    /** POST /roster/list as the user: the entries among the ids in its roster, remarks and relation included (RosterItem.friend). */
    public List<RosterItem> friendDetails(long userId, List<Long> friendIds) {
        List<RosterItem> all = new ArrayList<>();
        // The Swagger gives the list no maximum: asked 500 at a time, as a push's targets, never all of a large roster.
        for (int from = 0; from < friendIds.size(); from += FRIEND_DETAILS) {
            List<Long> slice = friendIds.subList(from, Math.min(friendIds.size(), from + FRIEND_DETAILS));
            List<RosterItem> items = transport.convert(call("POST", "/roster/list", userId, Map.of("list", slice), new CallTrace()),
                    new TypeReference<>() { });
            if (items != null) {
                all.addAll(items);
            }
        }
        return all;
    }

    /** GET /roster/list as the user: one page of friend ids; pass the previous page's cursor to get the next one. */
    public IdPage friendIds(long userId, String cursor, int limit) {
        JsonNode envelope = exchanges.page("/roster/list", "/roster/list?limit=" + limit, cursor, userId);
        List<Long> ids = transport.convert(envelope.path("data"), new TypeReference<>() { });
        return new IdPage(ids == null ? List.of() : ids, Exchanges.cursorOf(envelope));
    }

    /** GET /user/list: one page of the app's users (page_num from 1, page_size at most 200). */
    public List<UserInfo> users(int pageNum, int pageSize) {
        List<UserInfo> users = transport.convert(call("GET", "/user/list?page_num=" + pageNum + "&page_size=" + pageSize, null, null,
                new CallTrace()), new TypeReference<>() { });
        return users == null ? List.of() : users;
    }

    /** GET /user/rosters of that user (the quick-start's unpaged list). */
    public List<UserInfo> rosters(long userId) {
        return transport.convert(call("GET", "/user/rosters", userId, null, new CallTrace()), new TypeReference<>() { });
    }

    /**
     * POST /group/create as the owner. It has no idempotency key, so a failure after which the group may exist
     * (lost answer, 5xx) is not retried here: it is thrown with mayHaveBeenExecuted, for the caller to look first.
     */
    public GroupInfo createGroup(long ownerId, GroupCreate group, CallTrace trace) {
        JsonNode data = exchanges.send("POST", "/group/create", ownerId, group, attempt -> guard.call("/group/create", attempt, trace, false))
                .path("data");
        GroupInfo info = transport.convert(data, GroupInfo.class);
        if (info == null || info.groupId() == null) {
            throw transport.malformed("/group/create", "the answer has no group_id");
        }
        return info;
    }

    /** POST /group/invite as owner or admin: one result per invited user. */
    public List<InviteResult> invite(long actingUserId, long groupId, List<Long> userIds, String reason, CallTrace trace) {
        Map<String, Object> body = reason == null
                ? Map.of("group_id", groupId, "user_list", userIds)
                : Map.of("group_id", groupId, "user_list", userIds, "reason", reason);
        return transport.convert(call("POST", "/group/invite", actingUserId, body, trace), new TypeReference<>() { });
    }

    /** POST /group/admin/add as the owner: one result per user (members only; "already an admin" for one that is). */
    public List<InviteResult> addAdmins(long ownerId, long groupId, List<Long> userIds, CallTrace trace) {
        return transport.convert(call("POST", "/group/admin/add", ownerId, Map.of("group_id", groupId, "user_list", userIds), trace),
                new TypeReference<>() { });
    }

    /**
     * POST /group/settings/{history_visible|allow_member_invitation|require_admin_approval} as the owner; the last takes
     * apply_approval 1 (admins confirm each request) or 0 (requests are agreed). The same again changes nothing, so it
     * is retried as reads are; an answer false is read back (GET /group/settings) before it refuses the record.
     */
    public void setGroupSetting(long ownerId, long groupId, String setting, boolean on, CallTrace trace) {
        Map<String, Object> body = setting.equals("require_admin_approval")
                ? Map.of("group_id", groupId, "apply_approval", on ? 1 : 0) : Map.of("group_id", groupId, "value", on);
        // Sent again after any failure: a value read back cannot tell a setting made from MaxIM's default.
        exchanges.confirmedOrHeld("POST", "/group/settings/" + setting, ownerId, body, trace,
                () -> Boolean.valueOf(on).equals(GroupSettingsRead.of(this, ownerId, groupId).setting(setting)));
    }

    /** POST /group/kick as the owner: the members leave the group; one result per user. */
    public List<InviteResult> kick(long ownerId, long groupId, List<Long> userIds, CallTrace trace) {
        return transport.convert(call("POST", "/group/kick", ownerId, Map.of("group_id", groupId, "user_list", userIds), trace),
                new TypeReference<>() { });
    }

    /** GET /group/admin_list as a member: the admins' user ids (an entry without one names nobody: left out). */
    public List<Long> admins(long actingUserId, long groupId) {
        List<Member> admins = transport.convert(call("GET", "/group/admin_list?group_id=" + groupId, actingUserId, null,
                new CallTrace()), new TypeReference<>() { });
        return admins == null ? List.of() : Exchanges.named(admins).stream().map(Member::userId).toList();
    }

    /** Its calls, for the list reads of PagedLists and for knowing a dry run (whose writes nothing can read back). */
    Exchanges exchanges() {
        return exchanges;
    }

    /** DELETE /group/destroy as the owner. */
    public void destroyGroup(long ownerId, long groupId, CallTrace trace) {
        exchanges.confirmed("DELETE", "/group/destroy?group_id=" + groupId, ownerId, null, trace);
    }

    /** GET /group/user_joined: ids of the groups the user belongs to. */
    public List<Long> joinedGroups(long userId) {
        return transport.convert(call("GET", "/group/user_joined", userId, null, new CallTrace()), new TypeReference<>() { });
    }

    /**
     * POST /group/info/batch as a member (the owner): info of the groups that exist among the ids (owner and name; no
     * created_at), with that user's settings, which is why the vendor needs the user_id.
     */
    public List<GroupInfo> groupInfo(long actingUserId, List<Long> groupIds) {
        return transport.convert(call("POST", "/group/info/batch", actingUserId, Map.of("group_list", groupIds), new CallTrace()),
                new TypeReference<>() { });
    }

    /** GET /group/info as a member (the owner): one group's info with created_at and owner_id (which the batch lacks). */
    public GroupInfo groupInfo(long actingUserId, long groupId) {
        return transport.convert(call("GET", "/group/info?group_id=" + groupId, actingUserId, null, new CallTrace()), GroupInfo.class);
    }

    /** POST /message/send (a repeated transaction_id is not executed again): the msg_ids beside its data (one receiver's only), or none. */
    public List<Long> sendMessage(MessageSend message, CallTrace trace) {
        JsonNode envelope = exchanges.send("POST", "/message/send", null, message, attempt -> guard.call("/message/send", attempt, trace));
        Exchanges.confirm("/message/send", envelope.path("data"));
        return exchanges.ids(envelope.path("msg_ids"));
    }

    /** POST /push/notify; a repeated setting.request_id is not pushed again by the server. Its task_id, or null when it gives none. */
    public Long pushNotify(PushNotify push, CallTrace trace) {
        JsonNode data = Exchanges.confirm("/push/notify", call("POST", "/push/notify", null, push, trace));
        return Exchanges.int64(data.path("task_id"));
    }

    private JsonNode call(String method, String path, Long actingUserId, Object body, CallTrace trace) {
        return exchanges.call(method, path, actingUserId, body, trace);
    }
}
