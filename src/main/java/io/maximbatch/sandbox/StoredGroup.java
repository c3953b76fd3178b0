package io.maximbatch.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.LongPredicate;

/** A group as the sandbox keeps it, and what its endpoints answer of groups. */
final class StoredGroup {

    private StoredGroup() {
    }

    record Info(long groupId, long ownerId, String name, String description, int type, String avatar,
                     long createdAt, int count, boolean destroyed) {
    }

    /** displayName: null when the member set none. */
    record Member(long userId, long joinTime, String displayName) {
    }

    record MemberPage(List<Member> members, int total, long version) {
    }

    record InviteResult(long userId, boolean success, String reason) {
    }

    /** One published announcement, as GET /group/announcement/last answers it. */
    record Announcement(long id, long groupId, long author, String title, String content, long createdAt) {
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
        /** Invited users whose consent is pending (their group_confirm is on): user -> when last invited. Not members. */
        final LinkedHashMap<Long, Long> pending = new LinkedHashMap<>();
        final java.util.Set<Long> admins = new java.util.LinkedHashSet<>();
        /** Announcements in the order published (each edit publishes one, as the API lists them by id). */
        final List<Announcement> announcements = new ArrayList<>();
        /** history_visible, allow_member_invitation, allow_member_modify (0/1) and apply_approval (0/1/2), once set. */
        final java.util.Map<String, Integer> settings = new java.util.TreeMap<>();
        /** Members' display names in the group (POST /group/display_name as the member). */
        final java.util.Map<Long, String> displayNames = new LinkedHashMap<>();
        /** The group's blacklist: user -> when blocked. A blocked user is no member and cannot be invited. */
        final LinkedHashMap<Long, Long> blocked = new LinkedHashMap<>();
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

        /**
         * Adds the users that exist and are not members yet; one result per user, with the vendor's texts. A user whose
         * consent is needed is invited, not added: "success" (the Swagger's only other result is "fail"), and pending;
         * invited again, it gets another invitation (counted by invited).
         */
        List<InviteResult> invite(List<Long> userIds, LongPredicate exists, LongPredicate needsConsent, Runnable invited, long now) {
            List<InviteResult> results = new ArrayList<>();
            for (long id : userIds) {
                if (!exists.test(id)) {
                    results.add(new InviteResult(id, false, "User does not exist"));
                } else if (blocked.containsKey(id)) {
                    results.add(new InviteResult(id, false, "user in group blacklist"));
                } else if (joinTimes.containsKey(id)) {
                    results.add(new InviteResult(id, false, "User is already a group member"));
                } else if (needsConsent.test(id)) {
                    pending.put(id, now);
                    invited.run();
                    results.add(new InviteResult(id, true, null));
                } else {
                    joinTimes.put(id, now);
                    version++;
                    results.add(new InviteResult(id, true, null));
                }
            }
            return results;
        }

        /** Makes members admins; executed: counts each one made. */
        List<InviteResult> addAdmins(List<Long> userIds, Runnable executed) {
            List<InviteResult> results = new ArrayList<>();
            for (long id : userIds) {
                if (!joinTimes.containsKey(id)) {
                    results.add(new InviteResult(id, false, "User is not a group member"));
                } else if (admins.contains(id) || id == ownerId) {
                    results.add(new InviteResult(id, false, "User is already a group admin"));
                } else {
                    admins.add(id);
                    version++;
                    executed.run();
                    results.add(new InviteResult(id, true, null));
                }
            }
            return results;
        }

        /**
         * Blacklists users (never the owner): a member leaves the group; one blocked already is answered "fail" with the
         * vendor's words for 20018 and no code (the least convenient documented way); executed: counts each one blocked.
         */
        List<InviteResult> block(List<Long> userIds, LongPredicate exists, Runnable executed, long now) {
            List<InviteResult> results = new ArrayList<>();
            for (long id : userIds) {
                if (!exists.test(id)) {
                    results.add(new InviteResult(id, false, "User does not exist"));
                } else if (id == ownerId) {
                    results.add(new InviteResult(id, false, "owner permission needed"));
                } else if (blocked.containsKey(id)) {
                    results.add(new InviteResult(id, false, "user in group blacklist"));
                } else {
                    blocked.put(id, now);
                    joinTimes.remove(id);
                    admins.remove(id);
                    pending.remove(id);
                    displayNames.remove(id);
                    version++;
                    executed.run();
                    results.add(new InviteResult(id, true, null));
                }
            }
            return results;
        }

        /** Removes members (never the owner); executed: counts each one removed. */
        List<InviteResult> kick(List<Long> userIds, Runnable executed) {
            List<InviteResult> results = new ArrayList<>();
            for (long id : userIds) {
                if (id == ownerId || joinTimes.remove(id) == null) {
                    results.add(new InviteResult(id, false, "User is not a group member"));
                } else {
                    admins.remove(id);
                    displayNames.remove(id);
                    version++;
                    executed.run();
                    results.add(new InviteResult(id, true, null));
                }
            }
            return results;
        }
    }
}
