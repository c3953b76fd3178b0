package io.maximbatch.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.sandbox.SandboxState;
import io.maximbatch.sandbox.SandboxState.AccountView;
import io.maximbatch.sandbox.SandboxState.GroupView;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One legacy XMPP server's data, written as Openfire's or as ejabberd's tables (names and types of their published
 * PostgreSQL schemas, written here, not copied), and what MaxIM must hold once it is migrated: the contract names
 * (john.doe beside john_doe, x-y beside x.y, 64 digits, maxim..., CJK, an XEP-0106 escape), plain and derived
 * passwords, nicknames from NICKNAME / FN / the account's name, mutual, one-way, remote and unknown roster entries with
 * remarks, and rooms with two owners, admins, members, an outcast, remote JIDs and a remote-only owner.
 */
public final class XmppServerFixture {

    public static final String DOMAIN = "example.org";
    /** The key the tests' environment gives MAXIM_PASSWORD_KEY (pom.xml). */
    public static final String PASSWORD_KEY = "test-only-derivation-key-of-at-least-32-bytes";
    private static final String DIGITS = "1234567890".repeat(6) + "1234";
    /** The run parameter the tests give, as a command line does: the shared groups' cap on friendships (SharedRosterGroupsFixture). */
    public static final String SHARED_FRIENDS_CAP = SharedRosterGroupsFixture.CAP_PARAMETER + "=" + SharedRosterGroupsFixture.CAP;

    /** legacy username, plain password (null: only a hash), vCard NICKNAME, vCard FN, Openfire's ofUser.name. */
    private static final String[][] USERS = {
            {"anna", "anna-pass", "Anna N", "Anna Full", "Anna"},
            {"john.doe", null, "Johnny", "John Doe", ""},
            {"john_doe", "jd-pass", null, "John Underscore", "JD name"},
            {"x-y", "xy-pass", null, null, "Ex Why"},
            {"x.y", null, null, null, ""},
            {DIGITS, "digits-pass", null, null, null},
            {"maxim.fan", "fan-pass", "Fan", null, null},
            {"张伟", "zw-pass", "伟", null, null},
            {"李.娜", null, null, "李娜", null},
            {"tom\\20jones", "tj-pass", null, null, null},
            {"bob", "bob-pass", null, null, "Bob B"},
            {"carol", null, null, null, null},
            {"dave", "dave-pass", null, null, null},
            {"erin", "erin-pass", null, null, "Erin Name"}};

    /** legacy username -> the name MaxIM must hold, by the contract (not by the code under test). */
    public static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("anna", "anna");
        NAMES.put("john.doe", "john_doe_2");
        NAMES.put("john_doe", "john_doe");
        NAMES.put("x-y", "x_y");
        NAMES.put("x.y", "x_y_2");
        NAMES.put(DIGITS, "u_" + DIGITS.substring(0, 62));
        NAMES.put("maxim.fan", "u_maxim_fan");
        NAMES.put("张伟", "张伟");
        NAMES.put("李.娜", "李_娜");
        NAMES.put("tom\\20jones", "tom_20jones");
        NAMES.put("bob", "bob");
        NAMES.put("carol", "carol");
        NAMES.put("dave", "dave");
        NAMES.put("erin", "erin");
    }

    /** owner, contact JID, subscription (both, to, from, none), nick. */
    private static final String[][] ROSTER = {
            {"anna", "john_doe@example.org", "both", "JD"},
            {"john_doe", "anna@example.org", "both", ""},
            {"anna", "john.doe@example.org", "both", null},
            {"anna", "bob@example.org", "to", "Bobby"},
            {"bob", "anna@example.org", "from", null},
            {"carol", "dave@example.org", "none", null},
            {"bob", "zed@jabber.org", "both", "Zed"},
            {"bob", "ghost@example.org", "both", null},
            {"dave", "x.y@example.org", "both", "Dotty"},
            {"张伟", "anna@EXAMPLE.ORG", "both", "安娜"}};

    /** The friendships MaxIM must hold (owner -> friend, legacy names) and the remarks on them. */
    static final List<String[]> FRIENDSHIPS = List.of(new String[] {"anna", "john_doe"}, new String[] {"john_doe", "anna"},
            new String[] {"anna", "john.doe"}, new String[] {"dave", "x.y"}, new String[] {"张伟", "anna"});
    static final Map<String, String> REMARKS = Map.of("anna>john_doe", "JD", "dave>x.y", "Dotty", "张伟>anna", "安娜");

    /** room: id (Openfire), name, natural name / title, description, affiliations (jid=owner|admin|member|outcast), settings. */
    private record Room(int id, String name, String title, String description, String service, Map<String, String> affiliations,
                        RoomSettings settings) {

        Room(int id, String name, String title, String description, String service, Map<String, String> affiliations) {
            this(id, name, title, description, service, affiliations, RoomSettings.ABSENT);
        }
    }

    /**
     * A room's subject and settings as Openfire's columns hold them; ejabberd's opts write them as its options, all
     * of them left out when absent (then ejabberd's defaults: subject change allowed, the rest off).
     */
    private record RoomSettings(String subject, boolean membersOnly, String password, boolean canInvite, boolean canChangeSubject,
                                boolean logEnabled, boolean absent) {
        static final RoomSettings ABSENT = new RoomSettings(null, false, null, false, true, false, true);
    }

    private static final List<Room> ROOMS = List.of(
            new Room(1, "team", "Team Room", "Our team", "conference", linked(
                    "bob@example.org", "owner", "anna@example.org", "owner", "carol@example.org", "admin",
                    "dave@example.org", "member", "x-y@example.org", "member", "erin@example.org", "outcast",
                    "zed@jabber.org", "member"),
                    new RoomSettings("Sprint 12: ship it", false, "s3cret", true, false, true, false)),
            new Room(2, "remote", "Remote Room", null, "conference", linked(
                    "zed@jabber.org", "owner", "anna@example.org", "member")),
            new Room(3, "pair", "技术", "", "conference", linked(
                    "aaa@jabber.org", "owner", "john_doe@example.org", "owner", "john.doe@example.org", "owner"),
                    new RoomSettings("", true, null, false, true, false, false)),
            new Room(5, "lobby", "Lobby", null, "conference", linked("dave@example.org", "owner", "carol@example.org", "member"),
                    new RoomSettings("Bienvenue à tous, 欢迎", false, "", false, true, false, true)),
            new Room(4, "elsewhere", "Not this server's", null, "other", linked("anna@example.org", "owner")));

    /** legacy group id by server -> (owner, admins, members, name) in legacy names. */
    record Group(String name, String owner, Set<String> admins, Set<String> members) {
    }

    static final Map<String, Group> OPENFIRE_GROUPS = Map.of(
            "1", new Group("Team Room", "anna", Set.of("bob", "carol"), Set.of("anna", "bob", "carol", "dave", "x-y")),
            "3", new Group("技术", "john.doe", Set.of("john_doe"), Set.of("john.doe", "john_doe")),
            "5", new Group("Lobby", "dave", Set.of(), Set.of("dave", "carol")));
    static final Map<String, Group> EJABBERD_GROUPS = Map.of(
            "team", OPENFIRE_GROUPS.get("1"), "pair", OPENFIRE_GROUPS.get("3"), "lobby", OPENFIRE_GROUPS.get("5"));

    /**
     * Each group's settings as MaxIM must hold them, by the contract: apply_approval 1 for a members-only room or one
     * with a password (Team Room's password, 技术 members only), else 0; invitation from canInvite / allow_user_invites,
     * modify from canChangeSubject / allow_change_subj, history from logEnabled / logging (Lobby: ejabberd's defaults).
     */
    static final Map<String, Map<String, Integer>> SETTINGS = Map.of(
            "Team Room", Map.of("apply_approval", 1, "allow_member_invitation", 1, "allow_member_modify", 0, "history_visible", 1),
            "技术", Map.of("apply_approval", 1, "allow_member_invitation", 0, "allow_member_modify", 1, "history_visible", 0),
            "Lobby", Map.of("apply_approval", 0, "allow_member_invitation", 0, "allow_member_modify", 1, "history_visible", 0));
    /** Each group's announcements (title, text): the room's subject once; 技术's subject is empty, so none. */
    static final Map<String, List<String>> ANNOUNCEMENTS = Map.of("Team Room", List.of("Team Room", "Sprint 12: ship it"),
            "技术", List.of(), "Lobby", List.of("Lobby", "Bienvenue à tous, 欢迎"));

    private XmppServerFixture() {
    }

    private static Map<String, String> linked(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** Openfire's tables this migration reads, as its schema declares them, filled with the data above. */
    public static void openfire(JdbcTemplate db) {
        openfireTables(db);
        openfireData(db);
    }

    public static void openfireTables(JdbcTemplate db) {
        db.execute("CREATE TABLE ofUser (username VARCHAR(64) NOT NULL, plainPassword VARCHAR(32), encryptedPassword VARCHAR(255),"
                + " name VARCHAR(100), email VARCHAR(100), creationDate CHAR(15) NOT NULL, modificationDate CHAR(15) NOT NULL,"
                + " CONSTRAINT ofUser_pk PRIMARY KEY (username))");
        db.execute("CREATE TABLE ofVCard (username VARCHAR(64) NOT NULL, vcard TEXT NOT NULL, CONSTRAINT ofVCard_pk PRIMARY KEY (username))");
        db.execute("CREATE TABLE ofRoster (rosterID INTEGER NOT NULL, username VARCHAR(64) NOT NULL, jid VARCHAR(1024) NOT NULL,"
                + " sub INTEGER NOT NULL, ask INTEGER NOT NULL, recv INTEGER NOT NULL, nick VARCHAR(255), stanza TEXT,"
                + " CONSTRAINT ofRoster_pk PRIMARY KEY (rosterID))");
        // The published schema's indexes: the queries are measured as they run on a real server.
        db.execute("CREATE INDEX ofRoster_username_idx ON ofRoster (username)");
        db.execute("CREATE INDEX ofRoster_jid_idx ON ofRoster (jid)");
        db.execute("CREATE TABLE ofMucService (serviceID INTEGER NOT NULL, subdomain VARCHAR(255) NOT NULL, description VARCHAR(255),"
                + " isHidden INTEGER NOT NULL, CONSTRAINT ofMucService_pk PRIMARY KEY (subdomain))");
        db.execute("CREATE TABLE ofMucRoom (serviceID INTEGER NOT NULL, roomID INTEGER NOT NULL, creationDate CHAR(15) NOT NULL,"
                + " modificationDate CHAR(15) NOT NULL, name VARCHAR(50) NOT NULL, naturalName VARCHAR(255) NOT NULL,"
                + " description VARCHAR(255), lockedDate CHAR(15) NOT NULL, emptyDate CHAR(15) NULL, canChangeSubject INTEGER NOT NULL,"
                + " maxUsers INTEGER NOT NULL, publicRoom INTEGER NOT NULL, moderated INTEGER NOT NULL, membersOnly INTEGER NOT NULL,"
                + " canInvite INTEGER NOT NULL, roomPassword VARCHAR(50) NULL, canDiscoverJID INTEGER NOT NULL, logEnabled INTEGER NOT NULL,"
                + " retireOnDeletion INTEGER NOT NULL, preserveHistOnDel INTEGER NOT NULL, subject TEXT NULL,"
                + " rolesToBroadcast INTEGER NOT NULL, useReservedNick INTEGER NOT NULL, canChangeNick INTEGER NOT NULL,"
                + " canRegister INTEGER NOT NULL, allowpm INTEGER NULL, fmucEnabled INTEGER NULL, fmucOutboundNode TEXT NULL,"
                + " fmucOutboundMode INTEGER NULL, fmucInboundNodes TEXT NULL, CONSTRAINT ofMucRoom_pk PRIMARY KEY (serviceID, name))");
        db.execute("CREATE TABLE ofMucAffiliation (roomID INTEGER NOT NULL, jid VARCHAR(1024) NOT NULL, affiliation INTEGER NOT NULL,"
                + " CONSTRAINT ofMucAffiliation_pk PRIMARY KEY (roomID, jid))");
        db.execute("CREATE TABLE ofMucMember (roomID INTEGER NOT NULL, jid VARCHAR(1024) NOT NULL, nickname VARCHAR(255) NULL,"
                + " firstName VARCHAR(100) NULL, lastName VARCHAR(100) NULL, url VARCHAR(100) NULL, email VARCHAR(100) NULL,"
                + " faqentry VARCHAR(100) NULL, CONSTRAINT ofMucMember_pk PRIMARY KEY (roomID, jid))");
        XmppBlocklists.openfireTables(db);
        SharedRosterGroupsFixture.openfireTables(db);
    }

    /** The data above into Openfire's tables (created here, or by its published schema). */
    public static void openfireData(JdbcTemplate db) {
        for (String[] user : USERS) {
            db.update("INSERT INTO ofUser (username, plainPassword, encryptedPassword, name, email, creationDate, modificationDate)"
                    + " VALUES (?, ?, ?, ?, NULL, '001700000000000', '001700000000000')", user[0], user[1], user[1] == null ? "9f3a1c" : null, user[4]);
            if (user[2] != null || user[3] != null) {
                // A second NICKNAME: the first counts.
                db.update("INSERT INTO ofVCard (username, vcard) VALUES (?, ?)", user[0], "<vCard xmlns=\"vcard-temp\">"
                        + (user[2] == null ? "" : "<NICKNAME>" + user[2] + "</NICKNAME><NICKNAME>second</NICKNAME>")
                        + (user[3] == null ? "" : "<FN>" + user[3] + "</FN>") + "<PHOTO><TYPE>image/png</TYPE></PHOTO></vCard>");
            }
        }
        int rosterId = 100;
        for (String[] entry : ROSTER) {
            int sub = List.of("none", "to", "from", "both").indexOf(entry[2]);
            db.update("INSERT INTO ofRoster (rosterID, username, jid, sub, ask, recv, nick) VALUES (?, ?, ?, ?, -1, -1, ?)",
                    rosterId++, entry[0], entry[1], sub, entry[3]);
        }
        db.update("INSERT INTO ofMucService (serviceID, subdomain, description, isHidden) VALUES (1, 'conference', NULL, 0) ON CONFLICT DO NOTHING");
        db.update("INSERT INTO ofMucService (serviceID, subdomain, description, isHidden) VALUES (2, 'other', NULL, 0)");
        for (Room room : ROOMS) {
            db.update("INSERT INTO ofMucRoom (serviceID, roomID, creationDate, modificationDate, name, naturalName, description,"
                    + " lockedDate, canChangeSubject, maxUsers, publicRoom, moderated, membersOnly, canInvite, canDiscoverJID,"
                    + " logEnabled, retireOnDeletion, preserveHistOnDel, rolesToBroadcast, useReservedNick, canChangeNick, canRegister,"
                    + " roomPassword, subject)"
                    + " VALUES (?, ?, '001700000000000', '001700000000000', ?, ?, ?, '000000000000000', ?, 30, 1, 0, ?, ?, 0, ?, 0, 1, 7, 0, 1, 1, ?, ?)",
                    room.service().equals("conference") ? 1 : 2, room.id(), room.name(), room.title(), room.description(),
                    bit(room.settings().canChangeSubject()), bit(room.settings().membersOnly()), bit(room.settings().canInvite()),
                    bit(room.settings().logEnabled()), room.settings().password(), room.settings().subject());
            room.affiliations().forEach((jid, affiliation) -> {
                if (affiliation.equals("member")) {
                    db.update("INSERT INTO ofMucMember (roomID, jid, nickname) VALUES (?, ?, ?)", room.id(), jid, jid.split("@")[0]);
                } else {
                    db.update("INSERT INTO ofMucAffiliation (roomID, jid, affiliation) VALUES (?, ?, ?)", room.id(), jid,
                            Map.of("owner", 10, "admin", 20, "outcast", 40).get(affiliation));
                }
            });
        }
        // An outcast listed as a member too: outcasts are never members.
        db.update("INSERT INTO ofMucMember (roomID, jid, nickname) VALUES (1, 'erin@example.org', 'erin')");
        XmppBlocklists.openfireData(db);
        XmppAvatars.openfire(db);
        RoomNicknames.openfire(db);
        SharedRosterGroupsFixture.openfireData(db);
    }

    /** ejabberd's tables this migration reads, as its schema declares them, filled with the data above. */
    public static void ejabberd(JdbcTemplate db) {
        ejabberdTables(db);
        ejabberdData(db);
    }

    static void ejabberdTables(JdbcTemplate db) {
        db.execute("CREATE TABLE users (username text NOT NULL, \"type\" smallint NOT NULL, \"password\" text NOT NULL,"
                + " serverkey text NOT NULL DEFAULT '', salt text NOT NULL DEFAULT '', iterationcount integer NOT NULL DEFAULT 0,"
                + " created_at TIMESTAMP NOT NULL DEFAULT now(), PRIMARY KEY (username, \"type\"))");
        db.execute("CREATE TABLE rosterusers (username text NOT NULL, jid text NOT NULL, nick text NOT NULL, subscription character(1) NOT NULL,"
                + " approved boolean NOT NULL, ask character(1) NOT NULL, askmessage text NOT NULL, server character(1) NOT NULL,"
                + " subscribe text NOT NULL, \"type\" text, created_at TIMESTAMP NOT NULL DEFAULT now())");
        db.execute("CREATE UNIQUE INDEX i_rosteru_user_jid ON rosterusers USING btree (username, jid)");
        StringBuilder vcard = new StringBuilder("CREATE TABLE vcard_search (username text NOT NULL, lusername text PRIMARY KEY");
        for (String field : List.of("fn", "\"family\"", "given", "middle", "nickname", "bday", "ctry", "locality", "email", "orgname", "orgunit")) {
            vcard.append(", ").append(field).append(" text NOT NULL, l").append(field.replace("\"", "")).append(" text NOT NULL");
        }
        db.execute(vcard.append(")").toString());
        XmppAvatars.ejabberdTable(db);
        db.execute("CREATE TABLE muc_room (name text NOT NULL, host text NOT NULL, opts text NOT NULL, created_at TIMESTAMP NOT NULL DEFAULT now())");
        db.execute("CREATE UNIQUE INDEX i_muc_room_name_host ON muc_room USING btree (name, host)");
        XmppBlocklists.ejabberdTables(db);
        db.execute("CREATE TABLE muc_registered (jid text NOT NULL, host text NOT NULL, nick text NOT NULL, created_at TIMESTAMP NOT NULL DEFAULT now())");
        SharedRosterGroupsFixture.ejabberdTables(db);
    }

    /** The data above into ejabberd's tables (created here, or by its published schema). */
    public static void ejabberdData(JdbcTemplate db) {
        for (String[] user : USERS) {
            if (user[1] != null) {
                db.update("INSERT INTO users (username, type, password) VALUES (?, 0, ?)", user[0], user[1]);
            } else {
                // SCRAM only: two stored kinds, neither of them the password.
                db.update("INSERT INTO users (username, type, password, serverkey, salt, iterationcount) VALUES (?, 1, 'c3RvcmVk', 'a2V5', 'c2FsdA==', 4096)", user[0]);
                db.update("INSERT INTO users (username, type, password, serverkey, salt, iterationcount) VALUES (?, 2, 'c3RvcmVk', 'a2V5', 'c2FsdA==', 4096)", user[0]);
            }
            if (user[2] != null || user[3] != null) {
                db.update("INSERT INTO vcard_search (username, lusername, fn, lfn, \"family\", lfamily, given, lgiven, middle, lmiddle,"
                        + " nickname, lnickname, bday, lbday, ctry, lctry, locality, llocality, email, lemail, orgname, lorgname, orgunit, lorgunit)"
                        + " VALUES (?, ?, ?, ?, '', '', '', '', '', '', ?, ?, '', '', '', '', '', '', '', '', '', '', '', '')",
                        user[0], user[0].toLowerCase(), nz(user[3]), nz(user[3]).toLowerCase(), nz(user[2]), nz(user[2]).toLowerCase());
            }
        }
        for (String[] entry : ROSTER) {
            String subscription = Map.of("none", "N", "to", "T", "from", "F", "both", "B").get(entry[2]);
            db.update("INSERT INTO rosterusers (username, jid, nick, subscription, approved, ask, askmessage, server, subscribe, type)"
                    + " VALUES (?, ?, ?, ?, false, 'N', '', 'N', '', 'item')", entry[0], entry[1], nz(entry[3]), subscription);
        }
        for (Room room : ROOMS) {
            db.update("INSERT INTO muc_room (name, host, opts) VALUES (?, ?, ?)", room.name(), room.service() + "." + DOMAIN, opts(room));
        }
        XmppBlocklists.ejabberdData(db);
        XmppAvatars.ejabberd(db);
        RoomNicknames.ejabberd(db);
        SharedRosterGroupsFixture.ejabberdData(db);
    }

    private static int bit(boolean value) {
        return value ? 1 : 0;
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    /** Every room's options as ejabberd's muc_room.opts holds them (the fuzz test's seeds). */
    static List<String> ejabberdRoomOpts() {
        return ROOMS.stream().map(XmppServerFixture::opts).toList();
    }

    /** A room's options as ejabberd writes them (io_lib:print): a title not printable as latin1 is a byte list. */
    private static String opts(Room room) {
        String affiliations = room.affiliations().entrySet().stream().map(e -> {
            String[] jid = e.getKey().split("@");
            return "{{<<\"" + jid[0] + "\">>,<<\"" + jid[1] + "\">>,<<>>},{" + e.getValue() + ",<<>>}}";
        }).collect(Collectors.joining(",\n    "));
        RoomSettings settings = room.settings();
        // A subject as ejabberd 16.09 and later keep it (a list of {text, Lang, Data}); Team Room's as older ones (a binary).
        String subject = settings.subject() == null ? "" : room.name().equals("team") ? " {subject," + binary(settings.subject()) + "},\n"
                : " {subject,[{text,<<>>," + binary(settings.subject()) + "}]},\n";
        String flags = settings.absent() ? "" : " {allow_change_subj," + settings.canChangeSubject() + "},\n {members_only,"
                + settings.membersOnly() + "},\n {allow_user_invites," + settings.canInvite() + "},\n {password_protected,"
                + (settings.password() != null && !settings.password().isEmpty()) + "},\n {logging," + settings.logEnabled() + "},\n";
        return "[{title," + binary(room.title()) + "},\n {description," + binary(nz(room.description())) + "},\n" + flags
                + " {affiliations,[" + affiliations + "]},\n" + subject + " {password,<<\"x\\\"y\">>}]";
    }

    private static String binary(String text) {
        if (text.chars().allMatch(c -> c < 128)) {
            return "<<\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\">>";
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder list = new StringBuilder("<<");
        for (int i = 0; i < bytes.length; i++) {
            list.append(i == 0 ? "" : ",").append(bytes[i] & 0xff);
        }
        return list.append(">>").toString();
    }

    /** MaxIM holds exactly the migrated server: names, nicknames, passwords, friendships, remarks and groups. */
    public static void assertMigrated(SandboxState state, URI sandbox, boolean openfire) throws Exception {
        Map<String, Long> ids = state.usersByName();
        assertThat(new TreeSet<>(ids.keySet())).isEqualTo(new TreeSet<>(NAMES.values()));
        Map<Long, AccountView> accounts = state.accounts();
        for (String[] user : USERS) {
            Long id = ids.get(NAMES.get(user[0]));
            String nickname = user[2] != null ? user[2] : user[3] != null ? user[3]
                    : openfire && user[4] != null && !user[4].isEmpty() ? user[4] : null;
            assertThat(accounts.get(id) == null ? null : accounts.get(id).nickName()).as("nickname of %s", user[0]).isEqualTo(nickname);
            String password = user[1] != null ? user[1] : derived(user[0]);
            assertThat(logIn(sandbox, NAMES.get(user[0]), password)).as("%s logs in with its %s password", user[0],
                    user[1] != null ? "plain" : "derived").contains("\"code\":200");
        }
        Map<String, Set<String>> friends = new HashMap<>();
        ids.forEach((name, id) -> state.friendsOf(id).forEach(friend -> friends.computeIfAbsent(name, n -> new TreeSet<>())
                .add(nameOf(ids, friend))));
        Map<String, Set<String>> expectedFriends = new HashMap<>();
        FRIENDSHIPS.forEach(f -> expectedFriends.computeIfAbsent(NAMES.get(f[0]), n -> new TreeSet<>()).add(NAMES.get(f[1])));
        SharedRosterGroupsFixture.friendships(openfire).forEach(f -> expectedFriends.computeIfAbsent(NAMES.get(f[0]), n -> new TreeSet<>())
                .add(NAMES.get(f[1])));
        assertThat(friends).isEqualTo(expectedFriends);
        Map<String, String> remarks = new HashMap<>();
        state.remarks().forEach((user, byFriend) -> byFriend.forEach((friend, remark) ->
                remarks.put(nameOf(ids, user) + ">" + nameOf(ids, friend), remark)));
        Map<String, String> expectedRemarks = new HashMap<>();
        REMARKS.forEach((edge, remark) -> {
            String[] ends = edge.split(">");
            expectedRemarks.put(NAMES.get(ends[0]) + ">" + NAMES.get(ends[1]), remark);
        });
        assertThat(remarks).isEqualTo(expectedRemarks);
        List<GroupView> groups = state.groups().stream().filter(g -> !g.destroyed()).toList();
        Map<String, Group> held = new HashMap<>();
        groups.forEach(g -> held.put(g.name(), new Group(g.name(), nameOf(ids, g.ownerId()),
                g.admins().stream().map(a -> nameOf(ids, a)).collect(Collectors.toSet()),
                g.members().stream().map(m -> nameOf(ids, m)).collect(Collectors.toSet()))));
        Map<String, Group> expectedGroups = new HashMap<>();
        java.util.stream.Stream.concat((openfire ? OPENFIRE_GROUPS : EJABBERD_GROUPS).values().stream(),
                SharedRosterGroupsFixture.groups(openfire).values().stream()).forEach(g -> expectedGroups.put(g.name(), new Group(g.name(),
                NAMES.get(g.owner()), g.admins().stream().map(NAMES::get).collect(Collectors.toSet()),
                g.members().stream().map(NAMES::get).collect(Collectors.toSet()))));
        assertThat(held).isEqualTo(expectedGroups);
        assertThat(state.groups()).as("one group per room, never two").hasSize(expectedGroups.size());
        for (GroupView group : groups) {
            // A shared roster group has no settings nor announcement of its own.
            assertThat(group.settings()).as("settings of %s", group.name()).isEqualTo(SETTINGS.getOrDefault(group.name(), Map.of()));
            List<String> announcements = group.announcements().stream().flatMap(a -> java.util.stream.Stream.of(a.title(), a.content())).toList();
            assertThat(announcements).as("announcements of %s, each once", group.name()).isEqualTo(ANNOUNCEMENTS.getOrDefault(group.name(), List.of()));
            group.announcements().forEach(a -> assertThat(a.author()).as("%s's announcement is the owner's", group.name()).isEqualTo(group.ownerId()));
        }
        assertThat(state.executedUpdates().getOrDefault("profile", 0L)).as("each nickname set once").isEqualTo(nicknames(openfire));
        XmppBlocklists.assertBlocked(state, NAMES);
        XmppAvatars.assertAvatars(state, ids);
        RoomNicknames.assertApplied(state, openfire);
    }

    /** How many accounts get a nickname from the server's data. */
    static long nicknames(boolean openfire) {
        return java.util.Arrays.stream(USERS).filter(u -> u[2] != null || u[3] != null || openfire && u[4] != null && !u[4].isEmpty()).count();
    }

    private static String nameOf(Map<String, Long> ids, long id) {
        return ids.entrySet().stream().filter(e -> e.getValue() == id).map(Map.Entry::getKey).findFirst().orElse("#" + id);
    }

    /** The derived password of a legacy id (scheme v1, the sandbox's app), as an app's login service computes it (docs/job-files.md). */
    static String derived(String legacyId) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(PASSWORD_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] message = ("v1|sandbox|" + legacyId).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(message)).substring(0, 24);
    }

    private static String logIn(URI sandbox, String username, String password) throws Exception {
        String body = "{\"name\": \"" + username + "\", \"password\": \"" + password + "\"}";
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(sandbox.resolve("/token/user"))
                .header("app_id", "sandbox").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
