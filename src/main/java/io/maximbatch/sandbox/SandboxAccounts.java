package io.maximbatch.sandbox;

import io.maximbatch.sandbox.SandboxState.AccountView;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the sandbox holds of an account besides its name and password: profile, avatar, push tags and alias, whether
 * it is disabled; and how many updates of each kind it executed (an update is counted when it is carried out, even
 * when it sets the value the account already had: a client that sends an update twice is seen doing so).
 */
final class SandboxAccounts {

    private static final class Account {
        String nickName;
        String description;
        String publicInfo;
        String privateInfo;
        String avatar;
        final Set<String> tags = new TreeSet<>();
        String alias;
        boolean disabled;
        /** /user/settings group_confirm: an invite waits for the user's consent. */
        boolean groupConfirm;

        AccountView view() {
            return new AccountView(nickName, description, publicInfo, privateInfo, avatar, Set.copyOf(tags), alias, disabled);
        }
    }

    private final Map<Long, Account> accounts = new HashMap<>();
    /** user -> friend -> the remark (alias) the user gave the friend. */
    private final Map<Long, Map<Long, String>> remarks = new HashMap<>();
    private final Map<String, Long> executed = new TreeMap<>();

    /** Sets the profile fields given (null leaves one as it is). */
    synchronized void profile(long userId, String nickName, String description, String publicInfo, String privateInfo) {
        Account account = of(userId);
        account.nickName = nickName != null ? nickName : account.nickName;
        account.description = description != null ? description : account.description;
        account.publicInfo = publicInfo != null ? publicInfo : account.publicInfo;
        account.privateInfo = privateInfo != null ? privateInfo : account.privateInfo;
        count("profile");
    }

    synchronized void avatar(long userId, String url) {
        of(userId).avatar = url;
        count("avatar");
    }

    synchronized void disabled(Collection<Long> userIds, boolean disabled) {
        userIds.forEach(id -> {
            of(id).disabled = disabled;
            count(disabled ? "disable" : "enable");
        });
    }

    synchronized void bindTags(long userId, List<String> tags) {
        of(userId).tags.addAll(tags);
        count("tag");
    }

    synchronized void unbindTags(long userId, List<String> tags) {
        tags.forEach(of(userId).tags::remove);
        count("untag");
    }

    synchronized void alias(long userId, String alias) {
        of(userId).alias = alias;
        count("alias");
    }

    /** A user's group_confirm setting (POST /user/settings as the user): invites to it wait for its consent. */
    synchronized void groupConfirm(long userId, boolean confirm) {
        of(userId).groupConfirm = confirm;
    }

    synchronized boolean groupConfirm(long userId) {
        Account account = accounts.get(userId);
        return account != null && account.groupConfirm;
    }

    synchronized void remark(long userId, long friendId, String alias) {
        remarks.computeIfAbsent(userId, id -> new TreeMap<>()).put(friendId, alias);
        count("remark");
    }

    synchronized String remarkOf(long userId, long friendId) {
        return remarks.getOrDefault(userId, Map.of()).get(friendId);
    }

    synchronized Map<Long, Map<Long, String>> remarks() {
        Map<Long, Map<Long, String>> all = new TreeMap<>();
        remarks.forEach((user, byFriend) -> all.put(user, Map.copyOf(byFriend)));
        return all;
    }

    synchronized AccountView view(long userId) {
        Account account = accounts.get(userId);
        return account == null ? new Account().view() : account.view();
    }

    synchronized Map<Long, AccountView> all() {
        Map<Long, AccountView> all = new TreeMap<>();
        accounts.forEach((id, account) -> all.put(id, account.view()));
        return all;
    }

    /** The users a push to these tags or aliases reaches. */
    synchronized Set<Long> tagged(Collection<String> tags) {
        Set<Long> reached = new LinkedHashSet<>();
        accounts.forEach((id, account) -> {
            if (tags.stream().anyMatch(account.tags::contains)) {
                reached.add(id);
            }
        });
        return reached;
    }

    synchronized Set<Long> aliased(Collection<String> aliases) {
        Set<Long> reached = new LinkedHashSet<>();
        accounts.forEach((id, account) -> {
            if (account.alias != null && aliases.contains(account.alias)) {
                reached.add(id);
            }
        });
        return reached;
    }

    /** Updates executed, by kind: profile, avatar, disable, enable, tag, untag, alias (one per user each). */
    synchronized Map<String, Long> executed() {
        return Map.copyOf(executed);
    }

    private Account of(long userId) {
        return accounts.computeIfAbsent(userId, id -> new Account());
    }

    /** Counts an update executed elsewhere in the sandbox (e.g. an admin added), beside the accounts' own. */
    synchronized void countExecuted(String kind) {
        count(kind);
    }

    private void count(String kind) {
        executed.merge(kind, 1L, Long::sum);
    }
}
