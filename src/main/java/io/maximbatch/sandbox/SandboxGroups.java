package io.maximbatch.sandbox;

import io.maximbatch.sandbox.SandboxState.GroupView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The sandbox's groups and who may act on them; not thread-safe: the store's lock guards it. */
final class SandboxGroups {

    private final SandboxUsers users;
    private final SandboxAccounts accounts;
    private final Map<Long, StoredGroup.Group> groups = new LinkedHashMap<>();
    private long nextGroupId = 200_000_001L;
    private long nextAnnouncementId = 1L;

    SandboxGroups(SandboxUsers users, SandboxAccounts accounts) {
        this.users = users;
        this.accounts = accounts;
    }

    StoredGroup.Info create(long ownerId, String name, String description, int type, String avatar,
                            List<Long> userList) throws ApiException {
        users.nameOf(ownerId);
        for (long id : userList) {
            users.nameOf(id);
        }
        long now = System.currentTimeMillis();
        StoredGroup.Group group = new StoredGroup.Group(nextGroupId++, ownerId, name, description, type, avatar, now);
        group.joinTimes.put(ownerId, now);
        for (long id : userList) {
            group.joinTimes.putIfAbsent(id, now);
        }
        groups.put(group.id, group);
        return group.info();
    }

    List<StoredGroup.InviteResult> invite(long actorId, long groupId, List<Long> userIds) throws ApiException {
        return owned(actorId, groupId).invite(userIds, users::has, accounts::groupConfirm, () -> accounts.countExecuted("invitation"),
                System.currentTimeMillis());
    }

    /** POST /group/admin/add as the owner: members only; one result per user (counted as executed when made admin). */
    List<StoredGroup.InviteResult> addAdmins(long actorId, long groupId, List<Long> userIds) throws ApiException {
        return owned(actorId, groupId).addAdmins(userIds, () -> accounts.countExecuted("admin"));
    }

    /** A group setting, as the owner (history_visible, allow_member_invitation, apply_approval). */
    void setting(long actorId, long groupId, String name, int value) throws ApiException {
        owned(actorId, groupId).settings.put(name, value);
        accounts.countExecuted("group-setting");
    }

    /** GET /group/settings as a member: the settings set so far, by the names setting() stores them under. */
    Map<String, Integer> settings(long actorId, long groupId) throws ApiException {
        return Map.copyOf(joined(actorId, groupId).settings);
    }

    /** POST /group/announcement/edit as the owner: publishes one (counted as executed). */
    StoredGroup.Announcement announce(long actorId, long groupId, String title, String content) throws ApiException {
        StoredGroup.Group group = owned(actorId, groupId);
        StoredGroup.Announcement announcement = new StoredGroup.Announcement(nextAnnouncementId++, groupId, actorId, title, content,
                System.currentTimeMillis());
        group.announcements.add(announcement);
        accounts.countExecuted("announcement");
        return announcement;
    }

    /** GET /group/announcement/last as a member: the latest announcement, or null when there is none. */
    StoredGroup.Announcement lastAnnouncement(long actorId, long groupId) throws ApiException {
        List<StoredGroup.Announcement> all = joined(actorId, groupId).announcements;
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** POST /group/display_name as the member: its name in the group (counted as executed, each call). */
    void displayName(long actorId, long groupId, String value) throws ApiException {
        joined(actorId, groupId).displayNames.put(actorId, value);
        accounts.countExecuted("display-name");
    }

    /** POST /group/members/display_name as a member: those of the users that are members, with their display names. */
    List<StoredGroup.Member> displayNames(long actorId, long groupId, List<Long> userIds) throws ApiException {
        StoredGroup.Group group = joined(actorId, groupId);
        return userIds.stream().filter(group.joinTimes::containsKey).distinct()
                .map(id -> new StoredGroup.Member(id, group.joinTimes.get(id), group.displayNames.get(id))).toList();
    }

    /** POST /group/block as the owner: one result per user (counted as executed when blocked). */
    List<StoredGroup.InviteResult> block(long actorId, long groupId, List<Long> userIds) throws ApiException {
        return owned(actorId, groupId).block(userIds, users::has, () -> accounts.countExecuted("group-block"), System.currentTimeMillis());
    }

    /** GET /group/blocked_list as the owner or an admin: the blacklist (user -> when blocked), in the order blocked. */
    Map<Long, Long> blocked(long actorId, long groupId) throws ApiException {
        StoredGroup.Group group = live(groupId);
        if (group.ownerId != actorId && !group.admins.contains(actorId)) {
            throw new ApiException(20012, "admin permission needed");
        }
        return new LinkedHashMap<>(group.blocked);
    }

    List<StoredGroup.InviteResult> kick(long actorId, long groupId, List<Long> userIds) throws ApiException {
        return owned(actorId, groupId).kick(userIds, () -> accounts.countExecuted("kick"));
    }

    List<Long> admins(long actorId, long groupId) throws ApiException {
        return List.copyOf(joined(actorId, groupId).admins);
    }

    StoredGroup.MemberPage members(long actorId, long groupId, int offset, int limit) throws ApiException {
        StoredGroup.Group group = joined(actorId, groupId);
        List<StoredGroup.Member> all = new ArrayList<>();
        group.joinTimes.forEach((id, joined) -> all.add(new StoredGroup.Member(id, joined, group.displayNames.get(id))));
        int from = Math.min(offset, all.size());
        int to = Math.min(all.size(), from + limit);
        return new StoredGroup.MemberPage(List.copyOf(all.subList(from, to)), all.size(), group.version);
    }

    void destroy(long actorId, long groupId) throws ApiException {
        StoredGroup.Group group = owned(actorId, groupId);
        group.destroyed = true;
        group.version++;
    }

    List<Long> joinedBy(long userId) throws ApiException {
        users.nameOf(userId);
        return groups.values().stream()
                .filter(g -> !g.destroyed && g.joinTimes.containsKey(userId))
                .map(g -> g.id)
                .toList();
    }

    /** The invitee's answer to a pending invitation: a member from now on, or not; 20015 when there is none. */
    void answerInvitation(long userId, long groupId, boolean approval) throws ApiException {
        StoredGroup.Group group = live(groupId);
        if (group.pending.remove(userId) == null) {
            throw new ApiException(20015, "invitation expired or processed");
        }
        if (approval) {
            group.joinTimes.put(userId, System.currentTimeMillis());
            group.version++;
        }
    }

    /** GET /group/invitation_list as the invitee: the live groups that invited it and wait for its consent (group id -> owner). */
    Map<Long, Long> invitationsOf(long userId) throws ApiException {
        users.nameOf(userId);
        Map<Long, Long> invitations = new LinkedHashMap<>();
        groups.values().stream().filter(g -> !g.destroyed && g.pending.containsKey(userId)).forEach(g -> invitations.put(g.id, g.ownerId));
        return invitations;
    }

    /** Destroyed groups are listed too (status 1), as the vendor's group status field suggests. */
    List<StoredGroup.Info> infos(List<Long> groupIds) {
        return groupIds.stream().map(groups::get).filter(g -> g != null).map(StoredGroup.Group::info).toList();
    }

    List<GroupView> views() {
        return groups.values().stream()
                .map(g -> new GroupView(g.id, g.ownerId, g.name, g.description, g.avatar, g.createdAt,
                        Collections.unmodifiableSet(new LinkedHashSet<>(g.joinTimes.keySet())),
                        Set.copyOf(g.admins), Map.copyOf(g.settings),
                        g.destroyed, Set.copyOf(g.pending.keySet()), g.announcements.stream()
                        .map(a -> new SandboxState.AnnouncementView(a.author(), a.title(), a.content())).toList(),
                        Map.copyOf(g.displayNames), Set.copyOf(g.blocked.keySet())))
                .toList();
    }

    /** A live group the actor owns: what the owner's calls act on. */
    private StoredGroup.Group owned(long actorId, long groupId) throws ApiException {
        StoredGroup.Group group = live(groupId);
        if (group.ownerId != actorId) {
            throw new ApiException(20013, "owner permission needed");
        }
        return group;
    }

    /** A live group the actor is a member of: what a member may read. */
    private StoredGroup.Group joined(long actorId, long groupId) throws ApiException {
        StoredGroup.Group group = live(groupId);
        if (!group.joinTimes.containsKey(actorId)) {
            throw new ApiException(20002, "user is not a group member");
        }
        return group;
    }

    /** A group not destroyed; 20001 otherwise. */
    StoredGroup.Group live(long groupId) throws ApiException {
        StoredGroup.Group group = groups.get(groupId);
        if (group == null || group.destroyed) {
            throw ApiException.noGroup();
        }
        return group;
    }
}
