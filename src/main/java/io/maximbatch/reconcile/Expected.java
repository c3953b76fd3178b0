package io.maximbatch.reconcile;

import io.maximbatch.step.Expectations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the job's steps say MaxIM must hold, by legacy ids; the first of duplicates counts, as in a run. */
final class Expected implements Expectations {

    /** legacy id -> username */
    final Map<String, String> users = new LinkedHashMap<>();
    /** legacy id -> where its row was read: "step\nline", as the reject records of a run name it. */
    final Map<String, String> userRows = new LinkedHashMap<>();
    private String step;
    /** Friendship rows: {user, friend} legacy ids, and whether the friend added the user too. */
    final List<Friendship> friendships = new ArrayList<>();

    record Friendship(String user, String friend, boolean mutual) {
    }
    /** legacy group id -> owner legacy id */
    final Map<String, String> groups = new LinkedHashMap<>();
    /** legacy group id -> member legacy ids */
    final Map<String, List<String>> members = new LinkedHashMap<>();
    /** legacy id -> the account attributes its row gives (see Expectations.account). */
    final Map<String, Map<String, String>> accounts = new LinkedHashMap<>();
    /** "user>friend" legacy ids -> remark. */
    final Map<String, String> remarks = new LinkedHashMap<>();
    /** legacy group id -> members that must be admins. */
    final Map<String, List<String>> admins = new LinkedHashMap<>();
    /** legacy group id -> its settings and announcement (see Expectations.groupSettings). */
    final Map<String, GroupSettings> groupSettings = new LinkedHashMap<>();

    record GroupSettings(Map<String, Boolean> settings, String announcement) {
    }
    /** user legacy id -> the legacy ids it blocks. */
    final Map<String, java.util.Set<String>> blocks = new LinkedHashMap<>();
    /** legacy group id -> member legacy id -> its display name in the group. */
    final Map<String, Map<String, String>> displayNames = new LinkedHashMap<>();
    /** legacy group id -> users that must be blocked in it. */
    final Map<String, List<String>> blocked = new LinkedHashMap<>();
    /** Source rows MaxIM is not expected to hold (rejected by their step's rules, or unresolvable). */
    long unexpected;
    private final Map<String, Object> queryParameters;

    Expected(Map<String, Object> queryParameters) {
        this.queryParameters = queryParameters;
    }

    @Override
    public Map<String, Object> queryParameters() {
        return queryParameters;
    }

    @Override
    public void step(String name) {
        step = name;
    }

    @Override
    public void user(String line, String legacyId, String username) {
        if (users.putIfAbsent(legacyId, username) == null) {
            userRows.put(legacyId, step + "\n" + line);
        }
    }

    @Override
    public void friendship(String userLegacyId, String friendLegacyId, boolean mutual) {
        friendships.add(new Friendship(userLegacyId, friendLegacyId, mutual));
    }

    @Override
    public void group(String legacyGroupId, String ownerLegacyId) {
        groups.putIfAbsent(legacyGroupId, ownerLegacyId);
    }

    @Override
    public void member(String legacyGroupId, String memberLegacyId) {
        members.computeIfAbsent(legacyGroupId, k -> new ArrayList<>()).add(memberLegacyId);
    }

    @Override
    public void account(String legacyId, Map<String, String> attributes) {
        if (!attributes.isEmpty()) {
            accounts.putIfAbsent(legacyId, Map.copyOf(attributes));
        }
    }

    @Override
    public void remark(String userLegacyId, String friendLegacyId, String remark) {
        remarks.putIfAbsent(userLegacyId + ">" + friendLegacyId, remark);
    }

    @Override
    public void admin(String legacyGroupId, String memberLegacyId) {
        admins.computeIfAbsent(legacyGroupId, k -> new ArrayList<>()).add(memberLegacyId);
    }

    @Override
    public void groupSettings(String legacyGroupId, Map<String, Boolean> settings, String announcement) {
        if (!settings.isEmpty() || announcement != null) {
            groupSettings.putIfAbsent(legacyGroupId, new GroupSettings(Map.copyOf(settings), announcement));
        }
    }

    @Override
    public void block(String userLegacyId, String blockedLegacyId) {
        blocks.computeIfAbsent(userLegacyId, k -> new java.util.LinkedHashSet<>()).add(blockedLegacyId);
    }

    /**
     * The friendships MaxIM must still hold once the blocks are made: a block takes the blocked friend off the blocking
     * user's list (that direction only), so a friendship its user blocked is not expected.
     */
    List<Friendship> unblockedFriendships() {
        List<Friendship> kept = new ArrayList<>();
        for (Friendship f : friendships) {
            boolean userBlocks = blocks.getOrDefault(f.user(), java.util.Set.of()).contains(f.friend());
            boolean friendBlocks = f.mutual() && blocks.getOrDefault(f.friend(), java.util.Set.of()).contains(f.user());
            if (!userBlocks) {
                kept.add(friendBlocks ? new Friendship(f.user(), f.friend(), false) : f);
            }
            if (userBlocks && f.mutual() && !friendBlocks) {
                kept.add(new Friendship(f.friend(), f.user(), false));
            }
        }
        return kept;
    }

    @Override
    public void displayName(String legacyGroupId, String memberLegacyId, String displayName) {
        displayNames.computeIfAbsent(legacyGroupId, k -> new LinkedHashMap<>()).putIfAbsent(memberLegacyId, displayName);
    }

    @Override
    public void blocked(String legacyGroupId, String userLegacyId) {
        blocked.computeIfAbsent(legacyGroupId, k -> new ArrayList<>()).add(userLegacyId);
    }

    @Override
    public void rejected() {
        unexpected++;
    }
}
