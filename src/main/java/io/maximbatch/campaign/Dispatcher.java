package io.maximbatch.campaign;

import io.maximbatch.maxim.CallTrace;
import java.util.List;

/** Sends one batch of a segment's targets (all of one family: user, group, tag, alias or all), with its idempotency key. */
interface Dispatcher {

    /** The most targets of a family one call may carry. */
    int maxBatch(String family);

    /** What MaxIM gave back for the batch: the receipt the send ledger keeps with it. */
    Receipt send(Segment segment, String family, List<String> values, long idempotencyKey, CallTrace trace);

    /** A test send of the segment's message to these users (MaxIM ids), under a key of its own that no run's batch has. */
    Receipt sendTest(Segment segment, List<String> userIds, String nonce, CallTrace trace);

    /**
     * What MaxIM answered a sent batch with, kept in the send ledger for delivery statistics: a push's task_id (null
     * when the answer has none), a message's msg_ids (the vendor gives them for one receiver only).
     */
    record Receipt(Long taskId, List<Long> messageIds) {
        /** A batch settled without a call of this execution's (MaxIM had it already, or an earlier attempt's answer was lost). */
        static final Receipt NONE = new Receipt(null, List.of());
    }
}
