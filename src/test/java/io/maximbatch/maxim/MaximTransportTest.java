package io.maximbatch.maxim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class MaximTransportTest {

    @Test
    void retryAfterInSeconds() {
        assertThat(MaximTransport.parseRetryAfter("1")).contains(Duration.ofSeconds(1));
        assertThat(MaximTransport.parseRetryAfter(" 30 ")).contains(Duration.ofSeconds(30));
        assertThat(MaximTransport.parseRetryAfter("-5")).contains(Duration.ZERO);
    }

    @Test
    void retryAfterAsAnHttpDate() {
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusHours(1));

        assertThat(MaximTransport.parseRetryAfter(inTenSeconds)).hasValueSatisfying(
                wait -> assertThat(wait).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10)));
        assertThat(MaximTransport.parseRetryAfter(past)).contains(Duration.ZERO);
    }

    @Test
    void unreadableRetryAfterIsIgnored() {
        assertThat(MaximTransport.parseRetryAfter("soon")).isEmpty();
        assertThat(MaximTransport.parseRetryAfter("")).isEmpty();
    }
}
