package io.maximbatch.maxim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A per-item reason is read by its code when it leads with one, and by its text when it does not. */
class ItemReasonTest {

    @ParameterizedTest
    @ValueSource(strings = {"User is already a group member", "already a member", "20017 whatever the text says", "user already exists",
            "10004", "Already in friend list", "The user is already an admin", "already admin", "username taken", "10005 already friends"})
    void textsAndCodesThatSayTheItemIsThereAreAlreadyDone(String reason) {
        assertThat(ItemReason.of(reason).alreadyDone()).as(reason).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"User does not exist", "user is already a member of 500 groups", "20018 user in group blacklist",
            "Incorrect request parameter", "", "not already there"})
    void anyOtherReasonIsNot(String reason) {
        assertThat(ItemReason.of(reason).alreadyDone()).as(reason).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"20000 database exception", "10009 oss", "10008 invalid access-token"})
    void retryableAndFatalCodesAreTold(String reason) {
        assertThat(ItemReason.of(reason).transientOrFatal()).as(reason).isTrue();
        assertThat(ItemReason.of("User does not exist").transientOrFatal()).isFalse();
    }
}
