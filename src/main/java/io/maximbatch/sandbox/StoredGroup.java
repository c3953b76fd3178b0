package io.maximbatch.sandbox;

import java.util.LinkedHashMap;
import java.util.List;

/** A group as the sandbox keeps it, and what its endpoints answer of groups. */
final class StoredGroup {

    private StoredGroup() {
    }

    record Info(long groupId, long ownerId, String name, String description, int type, String avatar,
                     long createdAt, int count, boolean destroyed) {
    }

    record Member(long userId, long joinTime) {
    }

    record MemberPage(List<Member> members, int total, long version) {
    }

    record InviteResult(long userId, boolean success, String reason) {
    }

    static final class Group {
        final long id;
        final long ownerId;
        final String name;
        final String description;
        final int type;
        final String avatar;
        final long createdAt;
        final LinkedHashMap<Long, Long> joinTimes = new LinkedHashMap<>();
        final java.util.Set<Long> admins = new java.util.LinkedHashSet<>();
        /** history_visible, allow_member_invitation (0/1) and apply_approval (0/1/2), once set. */
        final java.util.Map<String, Integer> settings = new java.util.TreeMap<>();
        boolean destroyed;
        long version = 1;

        Group(long id, long ownerId, String name, String description, int type, String avatar, long createdAt) {
            this.id = id;
            this.ownerId = ownerId;
            this.name = name;
            this.description = description;
            this.type = type;
            this.avatar = avatar;
            this.createdAt = createdAt;
        }

        Info info() {
            return new Info(id, ownerId, name, description, type, avatar, createdAt, joinTimes.size(), destroyed);
        }
    }
}
