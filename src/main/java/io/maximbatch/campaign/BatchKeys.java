package io.maximbatch.campaign;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Batch keys and idempotency keys derived from the job, the run key and the batch's own targets, never from an
 * execution id: a retried or resumed batch is recognised by MaxIM as the same request.
 */
final class BatchKeys {

    private BatchKeys() {
    }

    static String batchKey(String job, String runKey, Segment segment, String family, List<String> sortedTargets) {
        String digest = HexFormat.of().formatHex(sha256(job + "\n" + runKey + "\n" + segment.name() + "\n" + family + "\n"
                + String.join("\n", sortedTargets)));
        return segment.name() + "/" + family + "/" + digest.substring(0, 32);
    }

    /** A positive 63-bit number (MaxIM's transaction_id is an integer; request_id takes its decimal text). */
    static long idempotencyKey(String job, String runKey, String batchKey) {
        return ByteBuffer.wrap(sha256(job + "\n" + runKey + "\n" + batchKey)).getLong() & Long.MAX_VALUE;
    }

    /** A test send's push request_id: text, where a run batch's is a decimal number, so that neither ever stops the other. */
    static String testRequestId(String nonce) {
        return "test-send-" + nonce;
    }

    /** A test send's message transaction_id, hashed from a text no run's key is hashed from (a run's starts with job/step). */
    static long testTransactionId(String nonce) {
        return ByteBuffer.wrap(sha256("test-send\n" + nonce)).getLong() & Long.MAX_VALUE;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
