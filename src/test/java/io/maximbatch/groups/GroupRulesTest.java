package io.maximbatch.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.outcome.Why;
import java.util.LinkedHashMap;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules of a group or membership row before any look-up: the first one it breaks names its reject code. */
class GroupRulesTest {

    private static Optional<String> group(String id, String name, String owner) {
        return GroupDecision.broken(new GroupRow("2", id, name, null, owner, null, java.util.Map.of(), null, null, new io.maximbatch.step.SourceVerdict(null, null, false), new LinkedHashMap<>())).map(Why::code);
    }

    @Test
    void requiresIdNameAndOwner() {
        assertThat(group("g1", "Team", "u1")).isEmpty();
        assertThat(group(null, "Team", "u1")).contains("MISSING_LEGACY_GROUP_ID");
        assertThat(group("g1", null, "u1")).contains("MISSING_NAME");
        assertThat(group("g1", "Team", null)).contains("MISSING_OWNER_LEGACY_ID");
        assertThat(group("g".repeat(256), "Team", "u1")).contains("INVALID_LEGACY_GROUP_ID");
    }

    @Test
    void aNameIsAtMostOneHundredCharactersOfPlainText() {
        assertThat(group("g1", "群".repeat(100), "u1")).as("characters, not bytes").isEmpty();
        assertThat(group("g1", "x".repeat(101), "u1")).contains("INVALID_NAME");
        assertThat(group("g1", "Team\tone", "u1")).contains("INVALID_NAME");
        assertThat(group("g1", "Team\u0000", "u1")).contains("INVALID_NAME");
        assertThat(group("g1", "Team \uFFFD", "u1")).contains("INVALID_ENCODING");
    }

    @Test
    void aMembershipNeedsItsGroupAndMember() {
        assertThat(GroupDecision.broken(new MembershipRow("2", "g1", "u1", null, null, null, new LinkedHashMap<>()))).isEmpty();
        assertThat(GroupDecision.broken(new MembershipRow("2", "g1", null, null, null, null, new LinkedHashMap<>())))
                .map(Why::code).contains("MISSING_MEMBER_LEGACY_ID");
        assertThat(GroupDecision.broken(new MembershipRow("2", null, null, null, null, "3 fields, expected 2", new LinkedHashMap<>())))
                .map(Why::code).contains("MALFORMED_RECORD");
    }
}
