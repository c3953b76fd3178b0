package io.maximbatch.users;

import io.maximbatch.maxim.CallTrace;
import io.maximbatch.maxim.ErrorClass;
import io.maximbatch.maxim.ItemCalls;
import io.maximbatch.maxim.ItemResult;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.maxim.MaximException;
import io.maximbatch.maxim.MaximModel.UpdateResult;
import io.maximbatch.step.Settled;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls of account attributes, each settling its changes: applied, refused with MaxIM's reason, or failed. A call
 * whose answer is lost is not sent again blindly: MaxIM is asked what it holds, and only what it lacks goes again.
 */
final class AttributeCalls {

    private static final String ABSENT = "\u0000";
    /** How often a batch's unheard changes that MaxIM lacks are sent again before the chunk fails (to resume). */
    private static final int RESENDS = 5;

    private AttributeCalls() {
    }

    /** A /user/profile/batch or /user/avatar/batch call for changes of one of those attributes. */
    static Map<AttributeChange, Settled> batch(MaximClient client, List<AttributeChange> changes) {
        return batch(client, changes, RESENDS);
    }

    private static Map<AttributeChange, Settled> batch(MaximClient client, List<AttributeChange> changes, int resends) {
        Map<AttributeChange, Settled> settled = new HashMap<>();
        List<UpdateResult> results;
        CallTrace trace = new CallTrace();
        try {
            List<Map<String, Object>> items = changes.stream().map(AttributeCalls::item).toList();
            results = changes.get(0).attribute() == AccountAttribute.PROFILE ? client.updateProfiles(items, trace) : client.updateAvatars(items, trace);
        } catch (MaximException e) {
            if (e.errorClass() == ErrorClass.REJECTED) {
                changes.forEach(c -> settled.put(c, Settled.of(AttributeWriter.refused(c, e.reasonCode(), e.getMessage()))));
                return settled;
            }
            if (!e.mayHaveBeenExecuted() && e.errorClass() != ErrorClass.RETRYABLE) {
                changes.forEach(c -> settled.put(c, Settled.failed(e)));
                return settled;
            }
            // Maybe carried out: what MaxIM holds is applied, the rest goes again (at most RESENDS times, then the chunk fails).
            return unheard(client, changes, resends, e);
        }
        List<AttributeChange> unheard = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            AttributeChange change = changes.get(i);
            UpdateResult result = results.get(i);
            if (result == null) {
                unheard.add(change);
            } else if (result.succeeded()) {
                settled.put(change, Settled.of(AttributeWriter.applied(change)));
            } else {
                // Classified as registrations' and invites' items are: a transient code is asked again, a coded refusal keeps its code.
                ItemResult<Void> item = ItemResult.ofReason(result.reason(), "REFUSED", trace.maybeExecuted());
                if (item.retryable()) {
                    unheard.add(change);
                } else {
                    settled.put(change, AttributeWriter.settled(change, item));
                }
            }
        }
        if (!unheard.isEmpty()) {
            settled.putAll(unheard(client, unheard, resends, null));
        }
        return settled;
    }

    private static Map<AttributeChange, Settled> unheard(MaximClient client, List<AttributeChange> changes, int resends, RuntimeException cause) {
        Map<AttributeChange, Settled> settled = new HashMap<>();
        List<AttributeChange> again = new ArrayList<>();
        for (AttributeChange change : changes) {
            if (AttributeReadBack.shows(client, change)) {
                settled.put(change, Settled.of(AttributeWriter.applied(change)));
            } else {
                again.add(change);
            }
        }
        if (!again.isEmpty()) {
            if (resends > 0) {
                settled.putAll(batch(client, again, resends - 1));
            } else {
                RuntimeException failure = cause != null ? cause
                        : new IllegalStateException("MaxIM answered no result for the " + again.get(0).attribute().key() + " of user "
                                + again.get(0).userId() + " " + (RESENDS + 1) + " times");
                again.forEach(c -> settled.put(c, Settled.failed(failure)));
            }
        }
        return settled;
    }

    /** A per-user call: the user's tags (added to those bound; MaximClient asks before it binds again) or its alias. */
    static Map<AttributeChange, Settled> perUser(MaximClient client, AttributeChange change) {
        return Map.of(change, AttributeWriter.settled(change, ItemCalls.one(trace -> send(client, change))));
    }

    private static void send(MaximClient client, AttributeChange change) {
        if (change.attribute() == AccountAttribute.TAGS) {
            // Unbound first: a tag moved between sets of one change is never left out.
            if (!change.tagsToUnbind().isEmpty()) {
                client.unbindTags(change.userId(), change.tagsToUnbind(), new CallTrace());
            }
            if (!change.tagsToBind().isEmpty()) {
                client.bindTags(change.userId(), change.tagsToBind(), new CallTrace());
            }
        } else {
            client.bindAlias(change.userId(), change.value(), new CallTrace());
        }
    }

    /** The batch item of a change: the user and the fields it sets (a profile's absent parts are left out). */
    private static Map<String, Object> item(AttributeChange change) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("user_id", change.userId());
        if (change.attribute() == AccountAttribute.AVATAR) {
            item.put("avatar", change.value());
            return item;
        }
        String[] parts = change.value().split("\u001f", -1);
        String[] fields = {"nick_name", "description", "public_info", "private_info"};
        for (int i = 0; i < fields.length; i++) {
            if (!parts[i].equals(ABSENT)) {
                item.put(fields[i], parts[i]);
            }
        }
        return item;
    }
}
