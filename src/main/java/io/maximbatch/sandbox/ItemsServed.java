package io.maximbatch.sandbox;

import io.maximbatch.maxim.ApiItems;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Items the requests served carried, by call ("POST /group/invite"): the length of the body's list of users, friends,
 * members or targets, as a dry run's plan counts them ({@link ApiItems}).
 */
final class ItemsServed {

    private final JsonMapper json;
    private final ConcurrentSkipListMap<String, LongAdder> byCall = new ConcurrentSkipListMap<>();

    ItemsServed(JsonMapper json) {
        this.json = json;
    }

    void count(String call, byte[] body) {
        byCall.computeIfAbsent(call, c -> new LongAdder()).add(items(body));
    }

    Map<String, Long> byCall() {
        Map<String, Long> copy = new LinkedHashMap<>();
        byCall.forEach((call, count) -> copy.put(call, count.sum()));
        return copy;
    }

    private int items(byte[] body) {
        JsonNode request;
        try {
            request = body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (JacksonException notJson) {
            return 1;
        }
        return ApiItems.of(request);
    }
}
