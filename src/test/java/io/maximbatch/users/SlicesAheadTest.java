package io.maximbatch.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many slices of registrations are queued ahead: 1.5 s of calls at the rate, at least 2, at most 20. */
class SlicesAheadTest {

    @Test
    void coverASecondAndAHalfOfCallsWithinBounds() {
        assertThat(UserRegistrationWriter.slicesAhead(200)).as("300 calls of 50").isEqualTo(6);
        assertThat(UserRegistrationWriter.slicesAhead(10)).as("the next slice's rows are written while one is sent").isEqualTo(2);
        assertThat(UserRegistrationWriter.slicesAhead(100_000)).isEqualTo(20);
    }
}
