package io.maximbatch.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import tools.jackson.databind.JsonNode;

/** The in-memory MaxIM data; one lock guards it all, which is plenty for a test server. */
final class SandboxStore implements SandboxState {

    private final SandboxAccounts accounts = new SandboxAccounts();
    private final Map<String, Long> userIdsByName = new LinkedHashMap<>();
    private final Map<Long, String> namesById = new HashMap<>();
    /** Salted hashes only: no password is kept, nor shown by /sandbox/state. */
    private final Map<Long, String> passwordHashes = new HashMap<>();
    private final Map<Long, Set<Long>> friends = new HashMap<>();
    private final Map<Long, StoredGroup.Group> groups = new LinkedHashMap<>();
    private final List<PushView> pushes = new ArrayList<>();
    private final Map<String, Long> taskIdsByRequestId = new HashMap<>();
    private final List<MessageView> messages = new ArrayList<>();
    private final Set<Long> transactionIds = new HashSet<>();
    private long nextUserId = 100_000_001L;
    private long nextGroupId = 200_000_001L;
    private long nextTaskId = 300_000_001L;

    private final AtomicLong registrations = new AtomicLong();
    final AtomicLong served = new AtomicLong();
    /** Requests admitted per epoch second, to tell the achieved rate and the busiest windows. */
    private final ConcurrentSkipListMap<Long, LongAdder> servedPerSecond = new ConcurrentSkipListMap<>();
    /** Requests admitted per "METHOD /path": the sandbox's call log, e.g. to prove that a dry run wrote nothing. */
    private final ConcurrentSkipListMap<String, LongAdder> servedByCall = new ConcurrentSkipListMap<>();
    final AtomicLong tooMany = new AtomicLong();

    SandboxAccounts accountStore() {
        return accounts;
    }

    synchronized boolean hasUser(long userId) {
        return namesById.containsKey(userId);
    }

    synchronized long register(String username, String password) throws ApiException {
        Credentials.check(username, password);
        if (userIdsByName.containsKey(username)) {
            throw new ApiException(10004, "user already exists");
        }
        long id = nextUserId++;
        userIdsByName.put(username, id);
        namesById.put(id, username);
        passwordHashes.put(id, Credentials.hash(id, password));
        registrations.incrementAndGet();
        return id;
    }

    /** The user whose username and password these are (POST /token/user); 10002 for any other pair. */
    synchronized long login(String username, String password) throws ApiException {
        Long id = username == null ? null : userIdsByName.get(username);
        if (id == null || password == null || !passwordHashes.get(id).equals(Credentials.hash(id, password))) {
            throw new ApiException(10002, "username or password incorrect");
        }
        return id;
    }

    synchronized Optional<Long> userIdOf(String username) {
        return Optional.ofNullable(userIdsByName.get(username));
    }

    synchronized String usernameOf(long userId) throws ApiException {
        String name = namesById.get(userId);
        if (name == null) {
            throw ApiException.noUser();
        }
        return name;
    }

    /** Directed, like adding: only {@code userId}'s list loses the friend. */
    synchronized void removeFriend(long userId, long friendId) throws ApiException {
        usernameOf(userId);
        Set<Long> list = friends.get(userId);
        if (list == null || !list.remove(friendId)) {
            throw new ApiException(10007, "friend does not exist or expired");
        }
        accounts.countExecuted("unfriend");
    }

    /** Directed: only {@code userId}'s list gains the friends. */
    synchronized void addFriends(long userId, List<Long> friendIds) throws ApiException {
        usernameOf(userId);
        for (long id : friendIds) {
            if (id == userId) {
                throw ApiException.badRequest("cannot add yourself");
            }
            usernameOf(id);
        }
        Set<Long> list = friends.computeIfAbsent(userId, k -> new LinkedHashSet<>());
        if (list.containsAll(friendIds)) {
            throw new ApiException(10005, "already in friend list");
        }
        list.addAll(friendIds);
    }

    /** Every user by id, in id order (a copy). */
    synchronized SortedMap<Long, String> usersById() {
        return new TreeMap<>(namesById);
    }

    synchronized Map<Long, String> rosterOf(long userId) throws ApiException {
        usernameOf(userId);
        Map<Long, String> roster = new LinkedHashMap<>();
        for (long id : friends.getOrDefault(userId, Set.of())) {
            roster.put(id, namesById.get(id));
        }
        return roster;
    }

    synchronized StoredGroup.Info createGroup(long ownerId, String name, String description, int type, String avatar,
                                       List<Long> userList) throws ApiException {
        usernameOf(ownerId);
        for (long id : userList) {
            usernameOf(id);
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

    synchronized List<StoredGroup.InviteResult> invite(long actorId, long groupId, List<Long> userIds) throws ApiException {
        return ownedGroup(actorId, groupId).invite(userIds, namesById::containsKey, System.currentTimeMillis());
    }

    /** POST /group/admin/add as the owner: members only; one result per user (counted as executed when made admin). */
    synchronized List<StoredGroup.InviteResult> addAdmins(long actorId, long groupId, List<Long> userIds) throws ApiException {
        return ownedGroup(actorId, groupId).addAdmins(userIds, () -> accounts.countExecuted("admin"));
    }

    /** A group setting, as the owner (history_visible, allow_member_invitation, apply_approval). */
    synchronized void setting(long actorId, long groupId, String name, int value) throws ApiException {
        ownedGroup(actorId, groupId).settings.put(name, value);
        accounts.countExecuted("group-setting");
    }

    synchronized List<StoredGroup.InviteResult> kick(long actorId, long groupId, List<Long> userIds) throws ApiException {
        return ownedGroup(actorId, groupId).kick(userIds, () -> accounts.countExecuted("kick"));
    }

    synchronized List<Long> admins(long actorId, long groupId) throws ApiException {
        return List.copyOf(joinedGroup(actorId, groupId).admins);
    }

    synchronized StoredGroup.MemberPage members(long actorId, long groupId, int offset, int limit) throws ApiException {
        StoredGroup.Group group = joinedGroup(actorId, groupId);
        List<StoredGroup.Member> all = new ArrayList<>();
        group.joinTimes.forEach((id, joined) -> all.add(new StoredGroup.Member(id, joined)));
        int from = Math.min(offset, all.size());
        int to = Math.min(all.size(), from + limit);
        return new StoredGroup.MemberPage(List.copyOf(all.subList(from, to)), all.size(), group.version);
    }

    synchronized void destroyGroup(long actorId, long groupId) throws ApiException {
        StoredGroup.Group group = ownedGroup(actorId, groupId);
        group.destroyed = true;
        group.version++;
    }

    synchronized List<Long> groupsJoined(long userId) throws ApiException {
        usernameOf(userId);
        return groups.values().stream()
                .filter(g -> !g.destroyed && g.joinTimes.containsKey(userId))
                .map(g -> g.id)
                .toList();
    }

    /** Destroyed groups are listed too (status 1), as the vendor's group status field suggests. */
    synchronized List<StoredGroup.Info> groupInfos(List<Long> groupIds) {
        return groupIds.stream().map(groups::get).filter(g -> g != null).map(StoredGroup.Group::info).toList();
    }

    /** @return false when the transaction id was seen before and nothing was sent */
    synchronized boolean sendMessage(Long transactionId, int type, List<Long> targets, String content,
                                     Long fromUserId) throws ApiException {
        if (transactionId != null && transactionIds.contains(transactionId)) {
            return false;
        }
        if (fromUserId != null) {
            usernameOf(fromUserId);
        }
        for (long target : targets) {
            if (type == 1) {
                usernameOf(target);
            } else {
                liveGroup(target);
            }
        }
        if (transactionId != null) {
            transactionIds.add(transactionId);
        }
        messages.add(new MessageView(transactionId, type, List.copyOf(targets), content));
        return true;
    }

    /** @return the task id; the earlier one when the request id was seen before (nothing pushed then) */
    synchronized long push(String requestId, JsonNode audience, JsonNode message, Set<Long> reached) {
        if (requestId != null && taskIdsByRequestId.containsKey(requestId)) {
            return taskIdsByRequestId.get(requestId);
        }
        long taskId = nextTaskId++;
        if (requestId != null) {
            taskIdsByRequestId.put(requestId, taskId);
        }
        pushes.add(new PushView(requestId, audience.deepCopy(), message.deepCopy(), Set.copyOf(reached)));
        return taskId;
    }

    /** A live group the actor owns: what the owner's calls act on. */
    private StoredGroup.Group ownedGroup(long actorId, long groupId) throws ApiException {
        StoredGroup.Group group = liveGroup(groupId);
        if (group.ownerId != actorId) {
            throw new ApiException(20013, "owner permission needed");
        }
        return group;
    }

    /** A live group the actor is a member of: what a member may read. */
    private StoredGroup.Group joinedGroup(long actorId, long groupId) throws ApiException {
        StoredGroup.Group group = liveGroup(groupId);
        if (!group.joinTimes.containsKey(actorId)) {
            throw new ApiException(20002, "user is not a group member");
        }
        return group;
    }

    private StoredGroup.Group liveGroup(long groupId) throws ApiException {
        StoredGroup.Group group = groups.get(groupId);
        if (group == null || group.destroyed) {
            throw ApiException.noGroup();
        }
        return group;
    }

    @Override
    public synchronized Map<String, Long> usersByName() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(userIdsByName));
    }

    @Override
    public synchronized Set<Long> friendsOf(long userId) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(friends.getOrDefault(userId, Set.of())));
    }

    synchronized Map<Long, Set<Long>> allFriends() {
        Map<Long, Set<Long>> copy = new LinkedHashMap<>();
        friends.forEach((id, list) -> copy.put(id, Set.copyOf(list)));
        return copy;
    }

    @Override
    public synchronized List<GroupView> groups() {
        return groups.values().stream()
                .map(g -> new GroupView(g.id, g.ownerId, g.name, g.description, g.avatar, g.createdAt,
                        java.util.Collections.unmodifiableSet(new LinkedHashSet<>(g.joinTimes.keySet())),
                        Set.copyOf(g.admins), Map.copyOf(g.settings),
                        g.destroyed))
                .toList();
    }

    @Override
    public synchronized List<PushView> pushes() {
        return pushes.stream().map(p -> new PushView(p.requestId(), p.audience().deepCopy(), p.message().deepCopy(), p.reached()))
                .toList();
    }

    @Override
    public Map<Long, SandboxState.AccountView> accounts() {
        return accounts.all();
    }

    @Override
    public Map<Long, Map<Long, String>> remarks() {
        return accounts.remarks();
    }

    @Override
    public Map<String, Long> executedUpdates() {
        return accounts.executed();
    }

    @Override
    public synchronized List<MessageView> messages() {
        return List.copyOf(messages);
    }

    @Override
    public long registrationCallsSucceeded() {
        return registrations.get();
    }

    void countServed(long epochMillis, String call) {
        served.incrementAndGet();
        servedByCall.computeIfAbsent(call, c -> new LongAdder()).increment();
        servedPerSecond.computeIfAbsent(epochMillis / 1000, second -> new LongAdder()).increment();
    }

    @Override
    public synchronized Map<Long, Long> servedPerSecond() {
        Map<Long, Long> copy = new LinkedHashMap<>();
        servedPerSecond.forEach((second, count) -> copy.put(second, count.sum()));
        return copy;
    }

    @Override
    public Map<String, Long> servedByCall() {
        Map<String, Long> copy = new LinkedHashMap<>();
        servedByCall.forEach((call, count) -> copy.put(call, count.sum()));
        return copy;
    }

    public synchronized int userCount() {
        return usersByName().size();
    }

    @Override
    public long requestsServed() {
        return served.get();
    }

    @Override
    public long answered429() {
        return tooMany.get();
    }
}
