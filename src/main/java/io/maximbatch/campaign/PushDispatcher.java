package io.maximbatch.campaign;

import io.maximbatch.maxim.CallTrace;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.maxim.MaximModel.PushMessage;
import io.maximbatch.maxim.MaximModel.PushNotify;
import java.util.List;
import java.util.Map;

/** /push/notify: one call per batch, its setting.request_id the batch's idempotency key (a repeat is not pushed again). */
final class PushDispatcher implements Dispatcher {

    /** The API's cap on one audience list (more answers 12005). */
    static final int MAX_TARGETS = 500;

    private final MaximClient client;
    private final int batchSize;

    PushDispatcher(MaximClient client, int batchSize) {
        this.client = client;
        this.batchSize = Math.min(batchSize, MAX_TARGETS);
    }

    @Override
    public int maxBatch(String family) {
        // A user with two tags of a list split over two calls would be pushed twice: a list goes whole.
        return family.equals("tag") || family.equals("alias") ? MAX_TARGETS : batchSize;
    }

    @Override
    public Receipt send(Segment segment, String family, List<String> values, long idempotencyKey, CallTrace trace) {
        return push(segment, family, values, Long.toString(idempotencyKey), trace);
    }

    @Override
    public Receipt sendTest(Segment segment, List<String> userIds, String nonce, CallTrace trace) {
        return push(segment, "user", userIds, BatchKeys.testRequestId(nonce), trace);
    }

    private Receipt push(Segment segment, String family, List<String> values, String requestId, CallTrace trace) {
        Object audience = switch (family) {
            case "all" -> "all";
            case "user" -> Map.of("user_id", values.stream().map(Long::parseLong).toList());
            case "tag" -> Map.of("tag", values);
            case "alias" -> Map.of("alias", values);
            default -> throw new IllegalArgumentException("a push does not go to " + family);
        };
        Map<String, Object> m = segment.message();
        @SuppressWarnings("unchecked")
        Map<String, Object> ext = (Map<String, Object>) m.get("ext");
        PushMessage message = new PushMessage((String) m.getOrDefault("type", "text"), (String) m.get("title"), (String) m.get("body"),
                (String) m.get("attachment_url"), ext == null || ext.isEmpty() ? null : ext);
        return new Receipt(client.pushNotify(new PushNotify(audience, message, Map.of("request_id", requestId)), trace),
                List.of());
    }
}
