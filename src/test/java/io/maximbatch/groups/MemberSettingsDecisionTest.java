package io.maximbatch.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.ledger.AppliedState;
import io.maximbatch.ledger.GroupMapping;
import io.maximbatch.outcome.Outcome;
import io.maximbatch.step.Decision;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the member-settings step decides of a member row: a display name, a block, or nothing; and what it refuses. */
class MemberSettingsDecisionTest {

    private final GroupLookups lookups = GroupLookups.forChunk(7, Map.of("O1", 1L, "M1", 2L, "M2", 3L),
            Map.of("G1", new GroupMapping("G1", 100L, 1L, "Team", GroupMapping.State.DONE, 7, 1, "2", Instant.EPOCH)));

    @Test
    void aNameOrABlockIsSentUnlessAppliedAndTheOwnerIsNeverBlocked() {
        MembershipRow named = row("M1", "member", "Mimi");
        MembershipRow blocked = row("M2", "outcast", null);
        Map<AppliedState.Key, AppliedState.State> applied = Map.of(MemberSetting.displayNameKey(row("O1", null, "Boss")),
                new AppliedState.State(AppliedState.hash("Boss"), null));

        Decision<MemberSetting> name = MemberSettingsWriter.decide(named, lookups, Map.of());
        Decision<MemberSetting> block = MemberSettingsWriter.decide(blocked, lookups, Map.of());

        assertThat(name.items()).singleElement().satisfies(s -> {
            assertThat(List.of(s.groupId(), s.userId())).containsExactly(100L, 2L);
            assertThat(s.displayName()).isEqualTo("Mimi");
            assertThat(s.first()).isTrue();
        });
        assertThat(block.items()).singleElement().satisfies(s -> assertThat(List.of(s.block(), s.ownerId(), s.userId()))
                .containsExactly(true, 1L, 3L));
        assertThat(MemberSettingsWriter.decide(row("O1", null, "Boss"), lookups, applied).outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(MemberSettingsWriter.decide(row("O1", null, "Chief"), lookups, applied).items()).singleElement()
                .satisfies(s -> assertThat(s.first()).as("a changed name: updated").isFalse());
        assertThat(MemberSettingsWriter.decide(row("M1", "admin", null), lookups, Map.of()).outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(MemberSettingsWriter.decide(row("O1", "blocked", null), lookups, Map.of()).outcome().why().code()).isEqualTo("OWNER_BLOCKED");
        assertThat(MemberSettingsWriter.decide(row("M9", "blocked", null), lookups, Map.of()).outcome().why().code()).isEqualTo("UNKNOWN_MEMBER");
    }

    @Test
    void aDisplayNameWithControlCharactersIsRefusedWhileTheMembershipStands() {
        MembershipRow row = row("M1", "member", "Line\nbreak");

        assertThat(GroupDecision.decide(row, lookups).items()).as("still invited").hasSize(1);
        assertThat(MemberSettingsWriter.decide(row, lookups, Map.of()).outcome().why().code()).isEqualTo("INVALID_DISPLAY_NAME");
    }

    private static MembershipRow row(String member, String role, String displayName) {
        return new MembershipRow("2", "G1", member, role, displayName, null, new LinkedHashMap<>());
    }
}
