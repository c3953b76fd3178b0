package io.maximbatch.maxim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An announcement read back after a lost answer is ours though the server trimmed it: it must not be published twice. */
class GroupAnnouncementsTest {

    @Test
    void theSameTextTrimmedOrWithOtherLineEndsIsTheSameAnnouncement() {
        assertThat(GroupAnnouncements.same("Welcome\r\nRules: be kind \n", "Welcome\nRules: be kind")).isTrue();
        assertThat(GroupAnnouncements.same("  Lobby", "Lobby")).isTrue();
        assertThat(GroupAnnouncements.same("Lobby", "Lobby 2")).isFalse();
        assertThat(GroupAnnouncements.same("be kind", "Be kind")).isFalse();
    }
}
