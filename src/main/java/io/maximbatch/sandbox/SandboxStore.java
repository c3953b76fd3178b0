package io.maximbatch.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import tools.jackson.databind.JsonNode;

/**
 * The in-memory MaxIM data: users and groups kept by their own classes, messages and pushes here; one lock, this
 * store's, guards it all, which is plenty for a test server.
 */
final class SandboxStore implements SandboxState {

    private final SandboxAccounts accounts = new SandboxAccounts();
    private final SandboxFiles files = new SandboxFiles();
    private final SandboxUsers users = new SandboxUsers();
    private final SandboxGroups groups = new SandboxGroups(users, accounts);
    private final List<PushView> pushes = new ArrayList<>();
    private final Map<String, Long> taskIdsByRequestId = new HashMap<>();
    private final List<MessageView> messages = new ArrayList<>();
    /** transaction_id -> when it was executed (nanoTime); forgotten after the window, as the vendor's "short time". */
    private final Map<Long, Long> transactionIds = new HashMap<>();
    private final long transactionWindowNanos;
    private long nextTaskId = 300_000_001L;

    final AtomicLong served = new AtomicLong();
    /** Requests admitted per epoch second, to tell the achieved rate and the busiest windows. */
    private final ConcurrentSkipListMap<Long, LongAdder> servedPerSecond = new ConcurrentSkipListMap<>();
    /** Requests admitted per "METHOD /path": the sandbox's call log, e.g. to prove that a dry run wrote nothing. */
    private final ConcurrentSkipListMap<String, LongAdder> servedByCall = new ConcurrentSkipListMap<>();
    final AtomicLong tooMany = new AtomicLong();

    SandboxStore(java.time.Duration transactionWindow) {
        this.transactionWindowNanos = transactionWindow.toNanos();
    }

    SandboxFiles files() {
        return files;
    }

    SandboxAccounts accountStore() {
        return accounts;
    }

    synchronized boolean hasUser(long userId) {
        return users.has(userId);
    }

    synchronized long register(String username, String password) throws ApiException {
        return users.register(username, password);
    }

    /** The user whose username and password these are (POST /token/user); 10002 for any other pair. */
    synchronized long login(String username, String password) throws ApiException {
        return users.login(username, password);
    }

    synchronized Optional<Long> userIdOf(String username) {
        return users.idOf(username);
    }

    synchronized String usernameOf(long userId) throws ApiException {
        return users.nameOf(userId);
    }

    /** Directed, like adding: only {@code userId}'s list loses the friend. */
    synchronized void removeFriend(long userId, long friendId) throws ApiException {
        users.removeFriend(userId, friendId);
        accounts.countExecuted("unfriend");
    }

    /** Directed: the user blacklists the other (a friendship ends; the entry stays, relation 3). */
    synchronized void block(long userId, long otherId) throws ApiException {
        users.block(userId, otherId);
        accounts.countExecuted("block");
    }

    /** GET /roster/blocked_list: the users the user blacklisted. */
    synchronized List<Long> blocked(long userId) throws ApiException {
        return users.blocked(userId);
    }

    @Override
    public synchronized Map<Long, Set<Long>> blocks() {
        return users.allBlocked();
    }

    /** The user's roster entries and their relation (0 friend, 1 deleted friend, 3 blacklisted). */
    synchronized Map<Long, Integer> rosterEntries(long userId) throws ApiException {
        return users.entries(userId);
    }

    /** Directed: only {@code userId}'s list gains the friends. */
    synchronized void addFriends(long userId, List<Long> friendIds) throws ApiException {
        users.addFriends(userId, friendIds);
    }

    /** Every user by id, in id order (a copy). */
    synchronized SortedMap<Long, String> usersById() {
        return users.byId();
    }

    synchronized Map<Long, String> rosterOf(long userId) throws ApiException {
        return users.rosterOf(userId);
    }

    synchronized StoredGroup.Info createGroup(long ownerId, String name, String description, int type, String avatar,
                                       List<Long> userList) throws ApiException {
        return groups.create(ownerId, name, description, type, avatar, userList);
    }

    synchronized List<StoredGroup.InviteResult> invite(long actorId, long groupId, List<Long> userIds) throws ApiException {
        return groups.invite(actorId, groupId, userIds);
    }

    /** POST /group/admin/add as the owner: members only; one result per user (counted as executed when made admin). */
    synchronized List<StoredGroup.InviteResult> addAdmins(long actorId, long groupId, List<Long> userIds) throws ApiException {
        return groups.addAdmins(actorId, groupId, userIds);
    }

    /** What one group call does to the groups, under the store's lock like every other call. */
    interface GroupCall<T> {
        T on(SandboxGroups groups) throws ApiException;
    }

    synchronized <T> T withGroups(GroupCall<T> call) throws ApiException {
        return call.on(groups);
    }

    synchronized List<StoredGroup.InviteResult> kick(long actorId, long groupId, List<Long> userIds) throws ApiException {
        return groups.kick(actorId, groupId, userIds);
    }

    synchronized List<Long> admins(long actorId, long groupId) throws ApiException {
        return groups.admins(actorId, groupId);
    }

    synchronized StoredGroup.MemberPage members(long actorId, long groupId, int offset, int limit) throws ApiException {
        return groups.members(actorId, groupId, offset, limit);
    }

    synchronized void destroyGroup(long actorId, long groupId) throws ApiException {
        groups.destroy(actorId, groupId);
    }

    synchronized void answerInvitation(long userId, long groupId, boolean approval) throws ApiException {
        groups.answerInvitation(userId, groupId, approval);
    }

    synchronized Map<Long, Long> invitationsOf(long userId) throws ApiException {
        return groups.invitationsOf(userId);
    }

    synchronized List<Long> groupsJoined(long userId) throws ApiException {
        return groups.joinedBy(userId);
    }

    /** Destroyed groups are listed too (status 1), as the vendor's group status field suggests. */
    synchronized List<StoredGroup.Info> groupInfos(List<Long> groupIds) {
        return groups.infos(groupIds);
    }

    /** @return false when the transaction id was seen before and nothing was sent */
    synchronized boolean sendMessage(Long transactionId, int type, List<Long> targets, String content,
                                     Long fromUserId) throws ApiException {
        long now = System.nanoTime();
        transactionIds.values().removeIf(seen -> now - seen >= transactionWindowNanos);
        if (transactionId != null && transactionIds.containsKey(transactionId)) {
            return false;
        }
        if (fromUserId != null) {
            users.nameOf(fromUserId);
        }
        for (long target : targets) {
            if (type == 1) {
                users.nameOf(target);
            } else {
                groups.live(target);
            }
        }
        if (transactionId != null) {
            transactionIds.put(transactionId, now);
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
        pushes.add(new PushView(requestId, audience.deepCopy(), message.deepCopy(), Set.copyOf(reached), taskId));
        return taskId;
    }

    @Override
    public synchronized Map<String, Long> usersByName() {
        return users.byName();
    }

    @Override
    public synchronized Set<Long> friendsOf(long userId) {
        return users.friendsOf(userId);
    }

    synchronized Map<Long, Set<Long>> allFriends() {
        return users.allFriends();
    }

    @Override
    public synchronized List<GroupView> groups() {
        return groups.views();
    }

    @Override
    public synchronized List<PushView> pushes() {
        return pushes.stream().map(p -> new PushView(p.requestId(), p.audience().deepCopy(), p.message().deepCopy(), p.reached(), p.taskId()))
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
        return users.registrations();
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
