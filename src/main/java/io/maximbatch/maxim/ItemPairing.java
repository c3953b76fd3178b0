package io.maximbatch.maxim;

import io.maximbatch.maxim.MaximModel.BatchRegistration;
import io.maximbatch.maxim.MaximModel.Credentials;
import io.maximbatch.maxim.MaximModel.InviteResult;
import io.maximbatch.maxim.MaximModel.UpdateResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A batch answer's results put in the order of the request's items: the answer's own order is not documented. */
final class ItemPairing {

    private ItemPairing() {
    }

    /**
     * A group call's per-user results (GroupUserRelationResponse) by user; a result without a user_id names nobody,
     * so the users it may be about have none of their own.
     */
    static Map<Long, InviteResult> byUser(List<InviteResult> answers) {
        Map<Long, InviteResult> byUser = new HashMap<>();
        (answers == null ? List.<InviteResult>of() : answers).stream().filter(a -> a != null && a.userId() != null)
                .forEach(a -> byUser.put(a.userId(), a));
        return byUser;
    }

    /**
     * Registrations paired by username, or by position when the answer names nobody and has one result per user; null
     * for a user without a result of its own (a short answer, a name spelled otherwise).
     */
    static List<BatchRegistration> registrations(List<Credentials> users, List<BatchRegistration> results) {
        List<BatchRegistration> answered = results == null ? List.of() : results.stream().filter(Objects::nonNull).toList();
        if (answered.size() == users.size() && answered.stream().allMatch(r -> r.username() == null)) {
            return answered;
        }
        Map<String, BatchRegistration> byUsername = new HashMap<>();
        answered.stream().filter(r -> r.username() != null).forEach(r -> byUsername.put(r.username(), r));
        List<BatchRegistration> ordered = new ArrayList<>();
        users.forEach(user -> ordered.add(byUsername.get(user.username())));
        return ordered;
    }

    /** Update results paired by user_id; null for an item the answer does not name. */
    static List<UpdateResult> updates(List<Map<String, Object>> items, List<UpdateResult> results) {
        Map<Long, UpdateResult> byUser = new HashMap<>();
        (results == null ? List.<UpdateResult>of() : results).stream().filter(r -> r != null && r.userId() != null)
                .forEach(r -> byUser.put(r.userId(), r));
        List<UpdateResult> ordered = new ArrayList<>();
        items.forEach(item -> ordered.add(byUser.get(((Number) item.get("user_id")).longValue())));
        return ordered;
    }
}
