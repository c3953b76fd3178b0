package io.maximbatch.campaign;

import io.maximbatch.outcome.Why;
import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;

/**
 * At most max sends to one person within per, counted over every campaign step of every job on the job database (the
 * send ledger's rows of user targets, PENDING or SENT). Only a target that names a person (a user id) can be counted;
 * a tag, alias or `all` audience is never capped. per: as the job file or the configuration gives it ("24h").
 */
record FrequencyCap(int max, Duration window, String per) {

    /** The code capped records are listed under (in the capped report; never a reject code). */
    static final String CODE = "FREQUENCY_CAP";

    /** The cap a job file's keys give, or null when they give none. */
    static FrequencyCap of(FrequencyCapKeys keys) {
        return keys == null ? null : new FrequencyCap(keys.max(), DurationStyle.SIMPLE.parse(keys.per()), keys.per());
    }

    /** The one rule: a person already sent max times within the window gets nothing more. */
    boolean reached(long sendsInWindow) {
        return sendsInWindow >= max;
    }

    /** Whether a target can be counted per person. */
    static boolean counts(String target) {
        return target.startsWith("user:");
    }

    /** The earliest send (epoch ms) that still counts at this moment. */
    long since(long now) {
        return now - window.toMillis();
    }

    Why why(long sendsInWindow) {
        return new Why(CODE, sendsInWindow + " send(s) in the last " + per + " from campaigns on this job database (frequency cap: "
                + max + " per " + per + ")");
    }
}
