package io.maximbatch.maxim;

import io.maximbatch.maxim.MaximModel.BatchRegistration;
import io.maximbatch.maxim.MaximModel.Credentials;
import io.maximbatch.maxim.MaximModel.InviteResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Calls that carry several items, answered item by item: a whole call refused for some item is asked again one
 * item at a time, and so is an item whose answer is transient or carries no code. Nothing here throws once some
 * item has succeeded: a failure after that is the FAILED result of the items it left, so that no success is lost.
 */
public final class ItemCalls {

    /** Whole-call codes of /group/invite about the group or the acting owner, not one user: every user shares them. */
    private static final Set<Integer> GROUP_WIDE_CODES = Set.of(10010, 20001, 20011, 20012, 20013);

    private final MaximClient client;

    public ItemCalls(MaximClient client) {
        this.client = client;
    }

    /** Registers users with /user/register/batch, or one by one with /user/register/v2 when not batched; the user id of each. */
    public List<ItemResult<Long>> register(List<Credentials> users, boolean batched) {
        if (!batched) {
            return each(users, user -> registerOne(user, false));
        }
        CallTrace trace = new CallTrace();
        List<BatchRegistration> answers;
        try {
            answers = client.registerBatch(users, trace);
        } catch (MaximException e) {
            if (e.errorClass() == ErrorClass.REJECTED || e.errorClass() == ErrorClass.ALREADY_DONE) {
                // The whole batch was refused for some user: one call per user tells which.
                return each(users, user -> registerOne(user, trace.maybeExecuted()));
            }
            return failedAll(users.size(), e);
        }
        List<ItemResult<Long>> results = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            BatchRegistration answer = answers.get(i);
            // No result of its own (a short answer, a name the server spelled otherwise), or a failure: its own call tells.
            results.add(answer == null ? null : answer.succeeded() ? ItemResult.done(answer.userId())
                    : ItemReason.of(answer.reason()).alreadyDone() ? ItemResult.alreadyDone(trace.maybeExecuted()) : null);
        }
        // A user the executed batch gave no result for may have been created by it.
        return askAgain(results, i -> registerOne(users.get(i), trace.maybeExecuted() || answers.get(i) == null));
    }

    private ItemResult<Long> registerOne(Credentials user, boolean earlierMaybeExecuted) {
        CallTrace trace = new CallTrace();
        try {
            return ItemResult.done(client.registerUser(user, trace));
        } catch (MaximException e) {
            return ItemResult.of(e, earlierMaybeExecuted || trace.maybeExecuted());
        }
    }

    /** Adds friends to a user's list with /user/add_roster; a refused list is asked again friend by friend. */
    public List<ItemResult<Void>> addFriends(long userId, List<Long> friendIds) {
        return addFriends(userId, friendIds, false);
    }

    private List<ItemResult<Void>> addFriends(long userId, List<Long> friendIds, boolean earlierMaybeExecuted) {
        CallTrace trace = new CallTrace();
        try {
            client.addRoster(userId, friendIds, trace);
            return friendIds.stream().map(f -> ItemResult.<Void>done(null)).toList();
        } catch (MaximException e) {
            boolean ours = earlierMaybeExecuted || trace.maybeExecuted();
            if (e.errorClass() == ErrorClass.FATAL || e.errorClass() == ErrorClass.RETRYABLE) {
                return failedAll(friendIds.size(), e);
            }
            if (friendIds.size() > 1) {
                // 10005 or a refusal for the whole list: friend by friend tells which.
                return each(friendIds, friend -> addFriends(userId, List.of(friend), ours).get(0));
            }
            return List.of(ItemResult.of(e, ours));
        }
    }

    /** A per-user call on a group's members, as its owner: /group/invite or /group/admin/add. */
    private interface MembersCall {
        List<InviteResult> call(long actingUserId, long groupId, List<Long> userIds, CallTrace trace);
    }

    /**
     * Invites users into a group as its owner (or an admin) with /group/invite; each user's own result. MaxIM answers
     * "success" also to a user whose consent it waits for (group_confirm): a success is a membership only when the member
     * list shows it, else it is pending. (A dry run's invites were answered, not sent: there is nothing to read back.)
     */
    public List<ItemResult<Void>> invite(long actingUserId, long groupId, List<Long> userIds) {
        List<ItemResult<Void>> results = members((acting, group, users, trace) -> client.invite(acting, group, users, null, trace),
                "INVITE_FAILED", "inviting", actingUserId, groupId, userIds);
        return client.exchanges().recording() || results.stream().noneMatch(r -> r.status() == ItemResult.Status.DONE) ? results
                : joined(actingUserId, groupId, userIds, results, ItemResult.Status.DONE);
    }

    /**
     * Invitations an earlier run left pending, asked again without a new invitation (that would reach the person once
     * more): a member now is done, else still pending.
     */
    public List<ItemResult<Void>> askPending(long actingUserId, long groupId, List<Long> userIds) {
        List<ItemResult<Void>> pending = userIds.stream().map(u -> ItemResult.<Void>pending()).toList();
        return joined(actingUserId, groupId, userIds, pending, ItemResult.Status.PENDING);
    }

    /**
     * The results (one per user, in order) with each of the status asked read back from the group's member list, once:
     * done when it lists the user, else pending. When the list cannot be read, those fail: the resumed run asks again.
     */
    private List<ItemResult<Void>> joined(long actingUserId, long groupId, List<Long> userIds, List<ItemResult<Void>> results,
                                          ItemResult.Status asked) {
        Set<Long> members;
        try {
            Set<Long> askedUsers = new HashSet<>();
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).status() == asked) {
                    askedUsers.add(userIds.get(i));
                }
            }
            members = PagedLists.members(client, actingUserId, groupId, askedUsers);
        } catch (RuntimeException e) {
            return results.stream().map(r -> r.status() == asked ? ItemResult.<Void>failed(e) : r).toList();
        }
        List<ItemResult<Void>> read = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            ItemResult<Void> result = results.get(i);
            read.add(result.status() != asked ? result : members.contains(userIds.get(i)) ? ItemResult.done(null) : ItemResult.pending());
        }
        return read;
    }

    /** Makes members admins of a group as its owner with /group/admin/add; "already an admin" is already done. */
    public List<ItemResult<Void>> addAdmins(long actingUserId, long groupId, List<Long> userIds) {
        return members(client::addAdmins, "ADMIN_FAILED", "making an admin of", actingUserId, groupId, userIds);
    }

    private List<ItemResult<Void>> members(MembersCall call, String refusedCode, String doing, long actingUserId, long groupId, List<Long> userIds) {
        CallTrace trace = new CallTrace();
        List<InviteResult> answers;
        try {
            answers = call.call(actingUserId, groupId, userIds, trace);
        } catch (MaximException e) {
            if (e.errorClass() == ErrorClass.REJECTED && GROUP_WIDE_CODES.contains(e.code())) {
                return userIds.stream().map(u -> ItemResult.<Void>refused(e.reasonCode(), e.getMessage())).toList();
            }
            if (e.errorClass() == ErrorClass.REJECTED || e.errorClass() == ErrorClass.ALREADY_DONE) {
                // Refused for some user of the list: one call per user tells which.
                return each(userIds, user -> one(call, refusedCode, doing, actingUserId, groupId, user, trace.maybeExecuted()));
            }
            return failedAll(userIds.size(), e);
        }
        Map<Long, InviteResult> byUser = ItemPairing.byUser(answers);
        List<ItemResult<Void>> results = new ArrayList<>();
        for (Long userId : userIds) {
            InviteResult answer = byUser.get(userId);
            // No result for a user of the list, or any failure but "already there": its own call will tell.
            results.add(answer == null ? null : answer.succeeded() ? ItemResult.done(null)
                    : ItemReason.of(answer.reason()).alreadyDone() ? ItemResult.alreadyDone(trace.maybeExecuted()) : null);
        }
        // A user the executed call gave no result for may have been done by it.
        return askAgain(results, i -> one(call, refusedCode, doing, actingUserId, groupId, userIds.get(i),
                trace.maybeExecuted() || !byUser.containsKey(userIds.get(i))));
    }

    private ItemResult<Void> one(MembersCall call, String refusedCode, String doing, long actingUserId, long groupId, long userId,
                                 boolean earlierMaybeExecuted) {
        CallTrace trace = new CallTrace();
        List<InviteResult> answers;
        try {
            answers = call.call(actingUserId, groupId, List.of(userId), trace);
        } catch (MaximException e) {
            return ItemResult.of(e, earlierMaybeExecuted || trace.maybeExecuted());
        }
        InviteResult answer = answers == null ? null : answers.stream().filter(a -> a != null && Objects.equals(a.userId(), userId))
                .findFirst().orElse(null);
        if (answer == null) {
            return ItemResult.refused(refusedCode, "the answer has no result for user " + userId);
        }
        if (answer.succeeded()) {
            return ItemResult.done(null);
        }
        ItemResult<Void> result = ItemResult.ofReason(answer.reason(), refusedCode, earlierMaybeExecuted || trace.maybeExecuted());
        // Still failing on its own call: retries are exhausted, so the step fails and can be resumed.
        return result.failed() ? ItemResult.failed(new IllegalStateException(doing + " user " + userId + " in group " + groupId
                + " keeps failing: " + result.failure().getMessage())) : result;
    }

    /** One call for one item, classified: done, already done or refused; a failure is its FAILED result. */
    public static ItemResult<Void> one(Consumer<CallTrace> call) {
        return returning(trace -> {
            call.accept(trace);
            return null;
        });
    }

    /** One call for one item that answers a value (a push's task id), classified as {@link #one(Consumer)}. */
    public static <T> ItemResult<T> returning(Function<CallTrace, T> call) {
        CallTrace trace = new CallTrace();
        try {
            return ItemResult.done(call.apply(trace));
        } catch (MaximException e) {
            return ItemResult.of(e, trace.maybeExecuted());
        }
    }

    /** Each item's call in turn; after a failure, the calls of the rest are not made (they fail with it). */
    private static <K, T> List<ItemResult<T>> each(List<K> items, Function<K, ItemResult<T>> call) {
        List<ItemResult<T>> results = new ArrayList<>();
        RuntimeException failure = null;
        for (K item : items) {
            ItemResult<T> result = failure != null ? ItemResult.failed(failure) : call.apply(item);
            failure = failure != null ? failure : result.failure();
            results.add(result);
        }
        return results;
    }

    /**
     * A batch's results with the items it left without one (null) asked again by their own call, in order; after a
     * failure, the calls of the rest are not made (they fail with it).
     */
    private static <T> List<ItemResult<T>> askAgain(List<ItemResult<T>> results, IntFunction<ItemResult<T>> ownCall) {
        RuntimeException failure = null;
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) == null) {
                results.set(i, failure != null ? ItemResult.failed(failure) : ownCall.apply(i));
                failure = failure != null ? failure : results.get(i).failure();
            }
        }
        return results;
    }

    private static <T> List<ItemResult<T>> failedAll(int n, RuntimeException e) {
        List<ItemResult<T>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(ItemResult.failed(e));
        }
        return results;
    }
}
