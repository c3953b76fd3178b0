package io.maximbatch.campaign;

import java.util.List;
import java.util.Map;

/**
 * What a test send did: each call with whom it reached and the filled texts it carried, the named people it did not
 * reach and why, and the delivery MaxIM reported for its pushes after a short wait (raw per-channel figures by
 * task; deliveryProblem says why there are none when the fetch failed).
 */
public record TestSendReport(String job, List<Sent> sent, List<NotSent> notSent, List<Delivery> delivery, String deliveryProblem) {

    /**
     * One call: the campaign step and segment whose message it carried, the legacy ids and MaxIM ids it went to, the
     * message's filled texts, and what MaxIM answered (task id, message ids), or failure when the call did not succeed.
     */
    public record Sent(String step, String segment, List<String> to, List<Long> userIds, Map<String, String> message, Long taskId,
                       List<Long> messageIds, String failure) {
    }

    /** A named person who was not sent anything: an unknown or malformed legacy id, with the run's reject code. */
    public record NotSent(String legacyId, String code, String reason) {
    }

    /** A push task's figures as /push/task/detail gives them (apns_target, apns_sent, apns_received, ...). */
    public record Delivery(long taskId, Map<String, Long> figures) {
    }

    /** True when a call did not succeed. */
    public boolean failed() {
        return sent.stream().anyMatch(s -> s.failure() != null);
    }
}
