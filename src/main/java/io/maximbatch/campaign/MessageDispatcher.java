package io.maximbatch.campaign;

import io.maximbatch.maxim.CallTrace;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.maxim.MaximModel.MessageSend;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** /message/send: one call per batch of users (type 1) or groups (type 2), its transaction_id the batch's idempotency key. */
record MessageDispatcher(MaximClient client, int batchSize) implements Dispatcher {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public int maxBatch(String family) {
        return batchSize;
    }

    @Override
    public Receipt send(Segment segment, String family, List<String> values, long idempotencyKey, CallTrace trace) {
        Map<String, Object> m = segment.message();
        Object ext = m.get("ext");
        String extText = ext == null || (ext instanceof Map<?, ?> map && map.isEmpty()) ? null : JSON.writeValueAsString(ext);
        Object from = m.get("from-user-id");
        return new Receipt(null, client.sendMessage(new MessageSend(values.stream().map(Long::parseLong).toList(), family.equals("group") ? 2 : 1,
                (String) m.get("content"), 0, extText, from == null ? null : Long.parseLong(from.toString()), idempotencyKey), trace));
    }

    /** A test send goes to the named people themselves, also for a step whose audience is groups. */
    @Override
    public Receipt sendTest(Segment segment, List<String> userIds, String nonce, CallTrace trace) {
        return send(segment, "user", userIds, BatchKeys.testTransactionId(nonce), trace);
    }
}
