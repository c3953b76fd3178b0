package io.maximbatch.sandbox;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** The sandbox's users, their passwords and their friend lists; not thread-safe: the store's lock guards it. */
final class SandboxUsers {

    /** The Swagger's relations of a roster entry: 0 friend, 1 deleted friend, 2 stranger, 3 blacklisted. */
    static final int RELATION_FRIEND = 0;
    static final int RELATION_DELETED = 1;
    static final int RELATION_BLACKLISTED = 3;

    private final Map<String, Long> userIdsByName = new LinkedHashMap<>();
    private final Map<Long, String> namesById = new HashMap<>();
    /** Salted hashes only: no password is kept, nor shown by /sandbox/state. */
    private final Map<Long, String> passwordHashes = new HashMap<>();
    private final Map<Long, Set<Long>> friends = new HashMap<>();
    /** Roster entries that are not friendships: user -> id -> relation (1 deleted friend, 3 blacklisted), still listed. */
    private final Map<Long, Map<Long, Integer>> others = new HashMap<>();
    private long nextUserId = 100_000_001L;
    /** Read without the store's lock, by the counters of /sandbox/state. */
    private final AtomicLong registrations = new AtomicLong();

    boolean has(long userId) {
        return namesById.containsKey(userId);
    }

    long register(String username, String password) throws ApiException {
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

    long registrations() {
        return registrations.get();
    }

    /** The user whose username and password these are (POST /token/user); 10002 for any other pair. */
    long login(String username, String password) throws ApiException {
        Long id = username == null ? null : userIdsByName.get(username);
        if (id == null || password == null || !passwordHashes.get(id).equals(Credentials.hash(id, password))) {
            throw new ApiException(10002, "username or password incorrect");
        }
        return id;
    }

    Optional<Long> idOf(String username) {
        return Optional.ofNullable(userIdsByName.get(username));
    }

    /** The user's name; 10000 when there is no such user, which is how every call checks a user id. */
    String nameOf(long userId) throws ApiException {
        String name = namesById.get(userId);
        if (name == null) {
            throw ApiException.noUser();
        }
        return name;
    }

    /** Directed, like adding: only {@code userId}'s list loses the friend. */
    void removeFriend(long userId, long friendId) throws ApiException {
        nameOf(userId);
        Set<Long> list = friends.get(userId);
        if (list == null || !list.remove(friendId)) {
            throw new ApiException(10007, "friend does not exist or expired");
        }
        others.computeIfAbsent(userId, k -> new LinkedHashMap<>()).put(friendId, RELATION_DELETED);
    }

    /**
     * /roster/block: the user blacklists the other; a friendship ends, the entry stays listed with relation 3. A repeat
     * is answered 10006 "user in blacklist", as the vendor's error table allows (the least convenient answer).
     */
    void block(long userId, long otherId) throws ApiException {
        nameOf(userId);
        nameOf(otherId);
        if (Integer.valueOf(RELATION_BLACKLISTED).equals(others.getOrDefault(userId, Map.of()).get(otherId))) {
            throw new ApiException(10006, "user in blacklist");
        }
        friends.getOrDefault(userId, new LinkedHashSet<>()).remove(otherId);
        others.computeIfAbsent(userId, k -> new LinkedHashMap<>()).put(otherId, RELATION_BLACKLISTED);
    }

    /** The users the user blacklisted, in the order blocked (GET /roster/blocked_list). */
    List<Long> blocked(long userId) throws ApiException {
        nameOf(userId);
        return others.getOrDefault(userId, Map.of()).entrySet().stream().filter(e -> e.getValue() == RELATION_BLACKLISTED)
                .map(Map.Entry::getKey).toList();
    }

    /** Every user's blacklist: user id -> blacklisted ids (users who blocked nobody are absent). */
    Map<Long, Set<Long>> allBlocked() {
        Map<Long, Set<Long>> copy = new LinkedHashMap<>();
        others.forEach((id, entries) -> entries.forEach((other, relation) -> {
            if (relation == RELATION_BLACKLISTED) {
                copy.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(other);
            }
        }));
        copy.replaceAll((id, set) -> Collections.unmodifiableSet(set));
        return Collections.unmodifiableMap(copy);
    }

    /** Every roster entry of the user, friends (relation 0) first, then deleted friends and blacklisted users. */
    Map<Long, Integer> entries(long userId) throws ApiException {
        nameOf(userId);
        Map<Long, Integer> entries = new LinkedHashMap<>();
        friends.getOrDefault(userId, Set.of()).forEach(id -> entries.put(id, RELATION_FRIEND));
        entries.putAll(others.getOrDefault(userId, Map.of()));
        return entries;
    }

    /** Directed: only {@code userId}'s list gains the friends. */
    void addFriends(long userId, List<Long> friendIds) throws ApiException {
        nameOf(userId);
        for (long id : friendIds) {
            if (id == userId) {
                throw ApiException.badRequest("cannot add yourself");
            }
            nameOf(id);
        }
        Set<Long> list = friends.computeIfAbsent(userId, k -> new LinkedHashSet<>());
        if (list.containsAll(friendIds)) {
            throw new ApiException(10005, "already in friend list");
        }
        list.addAll(friendIds);
        friendIds.forEach(others.getOrDefault(userId, new HashMap<>())::remove);
    }

    /** Every user by id, in id order (a copy). */
    SortedMap<Long, String> byId() {
        return new TreeMap<>(namesById);
    }

    Map<Long, String> rosterOf(long userId) throws ApiException {
        nameOf(userId);
        Map<Long, String> roster = new LinkedHashMap<>();
        for (long id : friends.getOrDefault(userId, Set.of())) {
            roster.put(id, namesById.get(id));
        }
        return roster;
    }

    Map<String, Long> byName() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(userIdsByName));
    }

    Set<Long> friendsOf(long userId) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(friends.getOrDefault(userId, Set.of())));
    }

    Map<Long, Set<Long>> allFriends() {
        Map<Long, Set<Long>> copy = new LinkedHashMap<>();
        friends.forEach((id, list) -> copy.put(id, Set.copyOf(list)));
        return copy;
    }
}
