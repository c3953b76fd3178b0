package io.maximbatch.maxim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * POST /push/task/detail: the delivery figures of push tasks (the Swagger's TaskDetail), per channel: valid targets,
 * sent and received. Asked in slices through the client's guard (rate limit, retries), as every call.
 */
public final class PushTaskDetails {

    /** Task ids per call: the vendor states no cap, so a modest list keeps each answer small. */
    static final int PER_CALL = 100;
    static final String PATH = "/push/task/detail";

    /** The TaskDetail field prefixes: APNs, FCM, Huawei, Xiaomi, OPPO, vivo, Meizu (flyme) and MaxIM's own (mxpush). */
    public static final List<String> CHANNELS = List.of("apns", "fcm", "huawei", "xiaomi", "oppo", "vivo", "flyme", "mxpush");

    private PushTaskDetails() {
    }

    /** One channel's figures of a task: {channel}_target, _sent and _received. */
    public record Counts(long target, long sent, long received) {
    }

    /** One task's figures, every channel present (a field MaxIM leaves out counts 0). */
    public record Detail(long taskId, Map<String, Counts> channels) {

        /** The figures by the TaskDetail field names MaxIM gives them: apns_target, apns_sent, apns_received, ... */
        public Map<String, Long> fields() {
            Map<String, Long> fields = new LinkedHashMap<>();
            channels.forEach((channel, counts) -> {
                fields.put(field(channel, "target"), counts.target());
                fields.put(field(channel, "sent"), counts.sent());
                fields.put(field(channel, "received"), counts.received());
            });
            return fields;
        }
    }

    private static String field(String channel, String figure) {
        return channel + "_" + figure;
    }

    /**
     * The details of the tasks MaxIM reports among these, by task id: each entry is matched by its own task_id (the
     * answer's order is not documented); a task MaxIM leaves out, or an entry without a task id, is absent. A slice
     * MaxIM refuses (an expired or unknown task, say) is asked again in halves, so that one task refused leaves only
     * itself absent, not the run's whole report.
     */
    public static Map<Long, Detail> of(MaximClient client, Collection<Long> taskIds) {
        List<Long> asked = new ArrayList<>(new LinkedHashSet<>(taskIds));
        Map<Long, Detail> found = new HashMap<>();
        for (int i = 0; i < asked.size(); i += PER_CALL) {
            read(client, asked.subList(i, Math.min(asked.size(), i + PER_CALL)), found);
        }
        return found;
    }

    private static void read(MaximClient client, List<Long> slice, Map<Long, Detail> found) {
        JsonNode data;
        try {
            data = client.exchanges().call("POST", PATH, null, Map.of("list", slice), new CallTrace());
        } catch (MaximException e) {
            if (e.errorClass() != ErrorClass.REJECTED) {
                throw e;
            }
            if (slice.size() > 1) {
                read(client, slice.subList(0, slice.size() / 2), found);
                read(client, slice.subList(slice.size() / 2, slice.size()), found);
            }
            return;
        }
        if (data == null || data.isNull() || data.isMissingNode()) {
            // No data: MaxIM reports none of these tasks (they count as unknown), rather than a malformed answer.
            return;
        }
        if (!data.isArray()) {
            throw client.exchanges().malformed(PATH, "the answer's data is not a list of task details");
        }
        Set<Long> wanted = Set.copyOf(slice);
        for (JsonNode entry : data) {
            Long id = Exchanges.int64(entry.path("task_id"));
            if (id != null && wanted.contains(id)) {
                found.put(id, new Detail(id, channels(entry)));
            }
        }
    }

    private static Map<String, Counts> channels(JsonNode entry) {
        Map<String, Counts> channels = new LinkedHashMap<>();
        for (String channel : CHANNELS) {
            channels.put(channel, new Counts(count(entry, field(channel, "target")), count(entry, field(channel, "sent")),
                    count(entry, field(channel, "received"))));
        }
        return channels;
    }

    private static long count(JsonNode entry, String field) {
        Long value = Exchanges.int64(entry.path(field));
        return value == null ? 0 : value;
    }

}
