package io.maximbatch.campaign;

/**
 * One target of a campaign run ("user:12", "group:7", "tag:vip", "alias:bob", "all"), sent in the segment that
 * reached it first. Entries of a chunk that name the same target share it: it is sent once.
 */
final class Target {

    final String target;
    final String segment;
    /** True when it goes out again in an unsent batch of an earlier execution (which may hold targets of other chunks). */
    final boolean resend;
    /** The batch it goes out in: the unsent one, or a new one, set before its PENDING rows. */
    String batchKey;
    /** Of an unsent batch: when it was recorded (epoch ms), and whether an operator approved sending it again. */
    final long recordedAt;
    final boolean resendApproved;

    Target(String target, String segment, String batchKey) {
        this(target, segment, batchKey, 0, false);
    }

    Target(String target, String segment, String batchKey, long recordedAt, boolean resendApproved) {
        this.target = target;
        this.segment = segment;
        this.batchKey = batchKey;
        this.resend = batchKey != null;
        this.recordedAt = recordedAt;
        this.resendApproved = resendApproved;
    }

    String family() {
        int colon = target.indexOf(':');
        return colon < 0 ? target : target.substring(0, colon);
    }

    /** What a call carries of a target: the id, tag or alias after the family. */
    static String value(String target) {
        int colon = target.indexOf(':');
        return colon < 0 ? target : target.substring(colon + 1);
    }
}
