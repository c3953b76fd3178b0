package io.maximbatch.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.scheduling.support.CronExpression;

/** Slot arithmetic: a slot is one time a job's cron expression names, and its run-key is that time in UTC. */
public final class Slots {

    /** How far back start-up looks for a missed slot. */
    public static final Duration LOOK_BACK = Duration.ofDays(7);
    /** Bounds the walk through a dense expression ("every second") over the whole look-back. */
    private static final int MAX_STEPS = 1_000_000;
    /** Short windows first, so that a frequent schedule is answered in a few steps. */
    private static final Duration[] WINDOWS = {Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(1), LOOK_BACK};

    private Slots() {
    }

    /** The run-key of a slot: ISO-8601 in UTC, seconds precision, e.g. 2026-11-26T09:00:00Z. */
    public static String runKey(Instant slot) {
        return DateTimeFormatter.ISO_INSTANT.format(slot.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * The slot a start-up catches up: the most recent one at or before now, if it is within the look-back and not
     * before the job was first seen (a schedule never fires for the time before it was known).
     */
    public static Optional<ZonedDateTime> latestDue(CronExpression cron, ZonedDateTime now, Instant firstSeen) {
        Duration sinceSeen = Duration.between(firstSeen, now.toInstant());
        if (sinceSeen.isNegative()) {
            return Optional.empty();
        }
        return latestAtOrBefore(cron, now, sinceSeen.compareTo(LOOK_BACK) < 0 ? sinceSeen : LOOK_BACK);
    }

    /** The most recent slot at or before now, if there is one within the look-back. */
    public static Optional<ZonedDateTime> latestAtOrBefore(CronExpression cron, ZonedDateTime now, Duration lookBack) {
        int steps = 0;
        for (Duration window : WINDOWS) {
            Duration span = window.compareTo(lookBack) > 0 ? lookBack : window;
            // next() is strictly after its argument; start one second early so that a slot exactly lookBack ago counts.
            ZonedDateTime cursor = now.minus(span).minusSeconds(1);
            ZonedDateTime latest = null;
            for (ZonedDateTime next = cron.next(cursor); next != null && !next.isAfter(now); next = cron.next(next)) {
                latest = next;
                if (++steps >= MAX_STEPS) {
                    break;
                }
            }
            if (latest != null || span.equals(lookBack)) {
                return Optional.ofNullable(latest);
            }
        }
        return Optional.empty();
    }
}
