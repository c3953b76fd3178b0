package io.maximbatch.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/** Read-only view of the sandbox store; every getter returns an immutable snapshot. */
public interface SandboxState {

    /** username -> user_id, in registration order. */
    Map<String, Long> usersByName();

    /** Friends that {@code userId} added (adding is directed); empty for unknown users. */
    Set<Long> friendsOf(long userId);

    /** All groups ever created, in creation order, destroyed ones included. */
    List<GroupView> groups();

    /** One entry per executed push; deduplicated requests are not listed. */
    List<PushView> pushes();

    /** One entry per executed message send; deduplicated requests are not listed. */
    List<MessageView> messages();

    /** Users created, one per successful /user/register/v2 call or successful batch item. */
    long registrationCallsSucceeded();

    /** MaxIM requests admitted by the rate limit (whatever their outcome afterwards). */
    long requestsServed();

    /** MaxIM requests answered with HTTP 429. */
    long answered429();

    /** MaxIM requests admitted by "METHOD /path" (without the query). */
    Map<String, Long> servedByCall();

    /** MaxIM requests admitted in each second (epoch second -> count), in order. */
    Map<Long, Long> servedPerSecond();

    /**
     * admins: the members made admins (the owner is not listed); pending: invited users whose consent MaxIM waits for;
     * displayNames: member -> its display name in the group; blocked: the group's blacklist.
     */
    record GroupView(long groupId, long ownerId, String name, String description, String avatar, long createdAt,
                     Set<Long> members, Set<Long> admins, Map<String, Integer> settings, boolean destroyed, Set<Long> pending,
                     List<AnnouncementView> announcements, Map<Long, String> displayNames, Set<Long> blocked) {
    }

    /** One announcement of a group, in the order published: who published it, its title and its text. */
    record AnnouncementView(long author, String title, String content) {
    }

    /** reached: the users the push went to (its user ids, the users with its tags or aliases, or everyone); taskId: its /push/notify answer. */
    record PushView(String requestId, JsonNode audience, JsonNode message, Set<Long> reached, long taskId) {
    }

    /** Each account's profile, avatar, tags, alias and disabled flag, by user id (accounts never updated are absent). */
    Map<Long, AccountView> accounts();

    /** One account's attributes; null where never set. */
    record AccountView(String nickName, String description, String publicInfo, String privateInfo, String avatar,
                       Set<String> tags, String alias, boolean disabled) {
    }

    /** The remarks users gave friends: user id -> friend id -> remark. */
    Map<Long, Map<Long, String>> remarks();

    /** The users each user blacklisted (/roster/block): user id -> blocked ids; users who blocked nobody are absent. */
    Map<Long, Set<Long>> blocks();

    /** Account updates executed, by kind (profile, avatar, disable, enable, tag, untag, alias, block): one per user (per blocked user) each. */
    Map<String, Long> executedUpdates();

    record MessageView(Long transactionId, int type, List<Long> targets, String content) {
    }
}
