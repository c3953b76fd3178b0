package io.maximbatch.campaign;

import io.maximbatch.maxim.CallTrace;
import java.util.List;

/** Sends one batch of a segment's targets (all of one family: user, group, tag, alias or all), with its idempotency key. */
interface Dispatcher {

    /** The most targets of a family one call may carry. */
    int maxBatch(String family);

    void send(Segment segment, String family, List<String> values, long idempotencyKey, CallTrace trace);
}
