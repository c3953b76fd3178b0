package io.maximbatch.campaign;

import io.maximbatch.maxim.CallTrace;
import java.util.List;

/** Sends one batch of a segment's targets (all of one family: user, group, tag, alias or all), with its idempotency key. */
interface Dispatcher {

    /** The most targets one call may carry. */
    int maxBatch();

    void send(Segment segment, String family, List<String> values, long idempotencyKey, CallTrace trace);
}
