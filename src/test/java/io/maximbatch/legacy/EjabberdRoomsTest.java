package io.maximbatch.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.maximbatch.source.SourceRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An ejabberd room as a group and its members, by the rules of an XMPP migration (jobs/ejabberd-migration.yml). */
class EjabberdRoomsTest {

    private static final SourceRecord.Columns ROOM = new SourceRecord.Columns(List.of("legacy_group_id", "name", "opts"),
            Map.of("legacy_group_id", 0, "name", 1, "opts", 2));
    private final EjabberdRooms rooms = new EjabberdRooms("example.org");

    private static SourceRecord room(String name, String opts) {
        return new SourceRecord("legacy_group_id=" + name, ROOM, new String[] {name, name, opts}, null);
    }

    private static String affiliation(String user, String server, String affiliation) {
        return "{{<<\"" + user + "\">>,<<\"" + server + "\">>,<<>>},{" + affiliation + ",<<>>}}";
    }

    @Test
    void theSmallestLocalOwnerOwnsTheGroupOtherOwnersAndAdminsAreAdminsOutcastsAndRemoteJidsAreLeftOut() {
        String opts = "[{title,<<\"Team\">>},{description,<<\"The \\\"A\\\" team\">>},{affiliations,["
                + String.join(",", affiliation("zoe", "example.org", "owner"), affiliation("aaron", "jabber.org", "owner"),
                affiliation("bob", "EXAMPLE.ORG", "owner"), affiliation("carl", "example.org", "admin"),
                affiliation("dina", "example.org", "member"), affiliation("eve", "example.org", "outcast"),
                affiliation("fred", "jabber.org", "member")) + "]}]";

        SourceRecord group = rooms.group(room("team", opts));

        assertThat(group.get("name")).isEqualTo("Team");
        assertThat(group.get("description")).isEqualTo("The \"A\" team");
        assertThat(group.get("owner_legacy_id")).as("bob@example.org < zoe@example.org; aaron is on another server").isEqualTo("bob");
        assertThat(group.get("reject_code")).isNull();
        assertThat(rooms.members(room("team", opts)).stream().map(m -> m.get("member_legacy_id") + ":" + m.get("role")).toList())
                .as("the outcast a row to block").containsExactly("bob:member", "zoe:admin", "carl:admin", "dina:member", "eve:blocked");
    }

    @Test
    void aRoomWithoutALocalOwnerIsRejectedAndListsNoMembers() {
        String opts = "[{title,<<>>},{affiliations,[" + affiliation("zed", "jabber.org", "owner") + ","
                + affiliation("anna", "example.org", "member") + "]}]";

        SourceRecord group = rooms.group(room("lobby", opts));

        assertThat(group.get("name")).as("an empty title: the room's name").isEqualTo("lobby");
        assertThat(group.get("reject_code")).isEqualTo("NO_LOCAL_OWNER");
        assertThat(group.get("reject_reason")).contains("lobby").contains("example.org");
        assertThat(rooms.members(room("lobby", opts))).isEmpty();
    }

    @Test
    void optionsThatCannotBeReadRejectTheRoomInsteadOfStoppingTheRun() {
        SourceRecord group = rooms.group(room("broken", "[{title,<<\"x\">>"));

        assertThat(group.get("reject_code")).isEqualTo("UNREADABLE_OPTS");
        assertThat(rooms.members(room("broken", "[{title,<<\"x\">>"))).isEmpty();
    }

    @Test
    void optionsCutShortInABinaryRejectTheRoomWithTheReason() {
        SourceRecord group = rooms.group(room("cut", "[{title,<<1,"));

        assertThat(group.get("reject_code")).isEqualTo("UNREADABLE_OPTS");
        assertThat(group.get("reject_reason")).contains("cannot be read").contains("at character 13");
        assertThat(rooms.members(room("cut", "[{title,<<1,"))).isEmpty();
    }

    @Test
    void optionsNestedDeeperThan200RejectTheRoomInsteadOfOverflowingTheStack() throws Exception {
        String deep = "[".repeat(3_000);

        // On a thread with a small stack, as a step's threads may have: 3,000 levels overflowed it.
        SourceRecord group = onSmallStack(() -> rooms.group(room("deep", deep)));

        assertThat(group.get("reject_code")).isEqualTo("UNREADABLE_OPTS");
        assertThat(group.get("reject_reason")).contains("nested deeper than 200");
        assertThat(rooms.members(room("deep", deep))).isEmpty();
    }

    @Test
    void anIntegerOfAMillionDigitsRejectsTheRoomAtOnce() {
        String opts = "[{title,<<\"x\">>},{max_users," + "9".repeat(1_000_000) + "}]";

        // It took 20 s per parse, twice per room: the limit stops at the 65th digit.
        SourceRecord group = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> rooms.group(room("big", opts)));

        assertThat(group.get("reject_code")).isEqualTo("UNREADABLE_OPTS");
        assertThat(group.get("reject_reason")).contains("more than 64 digits");
    }

    @Test
    void optionsLongerThanOneMebibyteRejectTheRoom() {
        String opts = "[{title,<<\"" + "x".repeat(1 << 20) + "\">>}]";

        SourceRecord group = rooms.group(room("long", opts));

        assertThat(group.get("reject_code")).isEqualTo("UNREADABLE_OPTS");
        assertThat(group.get("reject_reason")).contains("longer than 1,048,576 characters");
    }

    private static SourceRecord onSmallStack(java.util.concurrent.Callable<SourceRecord> work) throws Exception {
        java.util.concurrent.FutureTask<SourceRecord> task = new java.util.concurrent.FutureTask<>(work);
        Thread thread = new Thread(null, task, "small-stack", 256 * 1024);
        thread.start();
        return task.get();
    }

    @Test
    void aRoomsSubjectIsItsAnnouncementAndItsOptionsItsSettingsWithEjabberdsDefaultsWhereAbsent() {
        String owner = "{affiliations,[" + affiliation("bob", "example.org", "owner") + "]}";
        SourceRecord written = rooms.group(room("a", "[{members_only,false},{password_protected,true},{password,<<\"pw\">>},"
                + "{allow_user_invites,true},{allow_change_subj,false},{logging,true}," + owner + ",{subject,<<\"Old style\">>}]"));
        SourceRecord absent = rooms.group(room("b", "[" + owner + ",{subject,[{text,<<>>,<<>>},{text,<<\"en\">>,<<\"Hi\">>}]}]"));
        SourceRecord membersOnly = rooms.group(room("c", "[{members_only,true}," + owner + ",{subject,<<>>}]"));

        assertThat(settings(written)).containsExactly("Old style", "true", "true", "false", "true");
        assertThat(settings(absent)).as("ejabberd's #config defaults: only allow_change_subj is on").containsExactly("Hi", "false", "false",
                "true", "false");
        assertThat(settings(membersOnly)).as("an empty subject is no announcement").containsExactly(null, "true", "false", "true", "false");
        assertThat(EjabberdRoomOpts.parse("[{logging,maybe}]").flag("logging")).as("not a boolean: the default").isFalse();
    }

    private static List<String> settings(SourceRecord group) {
        return java.util.stream.Stream.of("announcement", "require_admin_approval", "allow_member_invitation", "allow_member_modify",
                "history_visible").map(group::get).toList();
    }

    @Test
    void codePointOrderIsNotUtf16Order() {
        // U+FF5E sorts before U+1F600 by code point, after it by UTF-16 unit (a surrogate 0xD83D).
        assertThat(EjabberdRooms.codePointOrder("\uFF5E", "\uD83D\uDE00")).isNegative();
        assertThat("\uFF5E".compareTo("\uD83D\uDE00")).isPositive();
    }

    @Test
    void aNickRegisteredOnTheRoomsHostIsTheDisplayNameOfItsMemberAdminOrOwnerNeverOfAnOutcast() {
        String opts = "[{affiliations,[" + String.join(",", affiliation("bob", "example.org", "owner"), affiliation("carl", "example.org", "admin"),
                affiliation("dina", "example.org", "member"), affiliation("eve", "example.org", "outcast"), affiliation("fay", "example.org", "member")) + "]}]";
        SourceRecord.Columns columns = new SourceRecord.Columns(List.of("legacy_group_id", "name", "opts", EjabberdRooms.REGISTERED_NICKS),
                Map.of("legacy_group_id", 0, "name", 1, "opts", 2, EjabberdRooms.REGISTERED_NICKS, 3));
        String nicks = "{\"bob@example.org\": \"Bobby\", \"carl@example.org\": \"Carl C\", \"dina@example.org\": \"Di\","
                + " \"eve@example.org\": \"Eve\", \"fay@example.org\": \" \"}";

        List<SourceRecord> members = rooms.members(new SourceRecord("legacy_group_id=team", columns, new String[] {"team", "team", opts, nicks}, null));

        assertThat(members.stream().map(m -> m.get("member_legacy_id") + ":" + m.get("role") + ":" + m.get("display_name")).toList())
                .containsExactly("bob:member:Bobby", "carl:admin:Carl C", "dina:member:Di", "fay:member:null", "eve:blocked:null");
    }
}
