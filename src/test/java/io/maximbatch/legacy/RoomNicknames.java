package io.maximbatch.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.sandbox.SandboxState;
import io.maximbatch.sandbox.SandboxState.GroupView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The room nicknames and outcasts of XmppServerFixture's server, and what MaxIM must hold of them by the contract:
 * each member's nickname (an owner's and an admin's too) as its display name in that group, set once; each local
 * outcast blocked in its group, once, and no member. Openfire keeps nicknames per room (ofMucMember.nickname: the
 * fixture's members have their local part, and here the owner anna and the admin carol of Team Room get one);
 * ejabberd per MUC host (muc_registered: dave, a member of Team Room and owner of Lobby, and carol, an admin of Team
 * Room and member of Lobby; erin's, an outcast, and anna's on another host count for nothing).
 */
final class RoomNicknames {

    /** group name -> legacy member -> display name. */
    static final Map<String, Map<String, String>> OPENFIRE = Map.of(
            "Team Room", Map.of("anna", "Annie", "carol", "Caro", "dave", "dave", "x-y", "x-y"),
            "Lobby", Map.of("carol", "carol"));
    static final Map<String, Map<String, String>> EJABBERD = Map.of(
            "Team Room", Map.of("dave", "Dave D", "carol", "Caro"),
            "Lobby", Map.of("dave", "Dave D", "carol", "Caro"));
    /** group name -> the legacy users blocked in it. */
    static final Map<String, Set<String>> BLOCKED = Map.of("Team Room", Set.of("erin"));

    private RoomNicknames() {
    }

    /** Openfire: the room's owner anna and its admin carol registered a nickname in Team Room (roomID 1). */
    static void openfire(JdbcTemplate db) {
        db.update("INSERT INTO ofMucMember (roomID, jid, nickname) VALUES (1, 'anna@example.org', 'Annie')");
        db.update("INSERT INTO ofMucMember (roomID, jid, nickname) VALUES (1, 'carol@example.org', 'Caro')");
    }

    /** ejabberd: nicks registered on the conference host, and one elsewhere (muc_registered). */
    static void ejabberd(JdbcTemplate db) {
        for (String[] row : List.of(new String[] {"dave@example.org", "conference.example.org", "Dave D"},
                new String[] {"Carol@Example.org", "conference.example.org", "Caro"},
                new String[] {"erin@example.org", "conference.example.org", "Erin E"},
                new String[] {"anna@example.org", "other.example.org", "Anna elsewhere"},
                new String[] {"bob@example.org", "conference.example.org", ""})) {
            db.update("INSERT INTO muc_registered (jid, host, nick) VALUES (?, ?, ?)", (Object[]) row);
        }
    }

    /** Each display name and each block as the contract says, each made by one call (the sandbox counts the calls it carried out). */
    static void assertApplied(SandboxState state, boolean openfire) {
        Map<String, Long> ids = state.usersByName();
        Map<String, Map<String, String>> expected = openfire ? OPENFIRE : EJABBERD;
        Map<String, Map<String, String>> held = new HashMap<>();
        Map<String, Set<String>> blocked = new HashMap<>();
        for (GroupView group : state.groups().stream().filter(g -> !g.destroyed()).toList()) {
            if (!group.displayNames().isEmpty()) {
                held.put(group.name(), group.displayNames().entrySet().stream()
                        .collect(Collectors.toMap(e -> legacy(ids, e.getKey()), Map.Entry::getValue)));
            }
            if (!group.blocked().isEmpty()) {
                blocked.put(group.name(), group.blocked().stream().map(id -> legacy(ids, id)).collect(Collectors.toSet()));
                assertThat(group.members()).as("blocked users are no members of %s", group.name()).doesNotContainAnyElementsOf(group.blocked());
            }
        }
        assertThat(held).as("display names in each group").isEqualTo(expected);
        assertThat(blocked).as("blocked users in each group").isEqualTo(BLOCKED);
        long names = expected.values().stream().mapToLong(Map::size).sum();
        assertThat(state.executedUpdates().getOrDefault("display-name", 0L)).as("each display name set once").isEqualTo(names);
        assertThat(state.executedUpdates().getOrDefault("group-block", 0L)).as("each block made once").isEqualTo(1L);
    }

    /** The legacy username of a MaxIM user id, by the fixture's names. */
    private static String legacy(Map<String, Long> ids, long id) {
        String name = ids.entrySet().stream().filter(e -> e.getValue() == id).map(Map.Entry::getKey).findFirst().orElse("#" + id);
        return XmppServerFixture.NAMES.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).findFirst()
                .orElse(name);
    }
}
