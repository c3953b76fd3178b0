package io.maximbatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.support.CronExpression;

/** The missed-slot rule: after downtime only the latest slot at or before now is run, within the look-back. */
class SlotsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void theLatestSlotOfAWeeklyScheduleIsLastMondayAtNine() {
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 26, 8, 0, 0, 0, PARIS); // a Thursday
        assertThat(Slots.latestAtOrBefore(CronExpression.parse("0 0 9 * * MON"), now, Slots.LOOK_BACK))
                .contains(ZonedDateTime.of(2026, 11, 23, 9, 0, 0, 0, PARIS));
    }

    @Test
    void aSlotExactlyNowCountsAndAFrequentScheduleGivesTheLatestOneNotTheFirstMissed() {
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 26, 9, 0, 0, 0, PARIS);
        assertThat(Slots.latestAtOrBefore(CronExpression.parse("0 0 9 * * *"), now, Slots.LOOK_BACK)).contains(now);
        assertThat(Slots.latestAtOrBefore(CronExpression.parse("*/3 * * * * *"), now.plusSeconds(4), Slots.LOOK_BACK))
                .contains(now.plusSeconds(3));
    }

    @Test
    void aDenseButLongPastScheduleIsFoundThroughTheWiderWindows() {
        // Every second of the 20th only: the short windows hold no slot, the week-long one holds 86400.
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 26, 12, 0, 0, 0, PARIS);
        assertThat(Slots.latestAtOrBefore(CronExpression.parse("* * * 20 * *"), now, Slots.LOOK_BACK))
                .contains(ZonedDateTime.of(2026, 11, 20, 23, 59, 59, 0, PARIS));
    }

    @Test
    void noSlotWithinTheLookBackMeansNothingToCatchUp() {
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 26, 12, 0, 0, 0, PARIS);
        assertThat(Slots.latestAtOrBefore(CronExpression.parse("0 0 9 1 1 *"), now, Slots.LOOK_BACK)).isEmpty();
        assertThat(Slots.latestAtOrBefore(CronExpression.parse("0 0 9 * * MON"), now, Duration.ofDays(2))).isEmpty();
    }

    @Test
    void theRunKeyIsTheSlotInUtcToTheSecond() {
        assertThat(Slots.runKey(ZonedDateTime.of(2026, 11, 26, 10, 0, 0, 0, PARIS).toInstant())).isEqualTo("2026-11-26T09:00:00Z");
        assertThat(Slots.runKey(Instant.parse("2026-11-26T09:00:00.999Z"))).isEqualTo("2026-11-26T09:00:00Z");
    }

    @Test
    void aSlotBeforeTheJobWasFirstSeenIsNeverDue() {
        CronExpression daily = CronExpression.parse("0 0 9 * * *");
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 29, 10, 0, 0, 0, ZoneOffset.UTC);

        assertThat(Slots.latestDue(daily, now, now.toInstant())).as("first seen now: 09:00 was before").isEmpty();
        assertThat(Slots.latestDue(daily, now, now.minusMinutes(59).toInstant())).isEmpty();
        assertThat(Slots.latestDue(daily, now, now.minusHours(1).toInstant())).as("seen at the slot itself")
                .contains(now.minusHours(1));
        assertThat(Slots.latestDue(daily, now, now.minusDays(30).toInstant())).contains(now.minusHours(1));
        assertThat(Slots.latestDue(daily, now, now.plusMinutes(1).toInstant())).isEmpty();
    }
}
