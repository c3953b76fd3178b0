package io.maximbatch.legacy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The shared roster groups of XmppServerFixture's server, as Openfire (ofGroup, ofGroupProp, ofGroupUser) and ejabberd
 * (sr_group, sr_user) store them, and what MaxIM must hold of them by the contract: an onlyGroup group of 3 with two
 * administrators (one listed twice) and a remote member, an everybody group, a nobody group, a group without
 * properties, an onlyGroup group over the cap and one whose friendships another group (and ofRoster) already gives.
 */
final class SharedRosterGroupsFixture {

    /** The shared-friends-max-members the tests run with: "big" has one member more. */
    static final int CAP = 3;
    static final String CAP_PARAMETER = "shared-friends-max-members";

    /** group, showInRoster (null: no properties), displayName, ejabberd opts, members (user=1 for an administrator). */
    private record Shared(String group, String show, String displayName, String opts, List<String> members) {
    }

    private static final List<Shared> GROUPS = List.of(
            new Shared("eng", "onlyGroup", "Engineering", "[{name,<<\"Engineering\">>},{displayed_groups,[<<\"eng\">>]}]",
                    List.of("anna=0", "carol=1", "john_doe=1", "john_doe=0", "zed@jabber.org=0")),
            new Shared("all-staff", "everybody", null, "[]", List.of("bob=0", "dave=0", "erin=0")),
            new Shared("hidden", "nobody", "Hidden", null, List.of("x-y=1", "x.y=0")),
            new Shared("plain", null, null, null, List.of("dave=0")),
            new Shared("big", "onlyGroup", "Big Team", "[{name,<<\"big\">>},{label,<<\"Big Team\">>}]",
                    List.of("dave=0", "anna=0", "bob=0", "张伟=0")),
            new Shared("duo", "onlyGroup", "Дуэт", "[{label," + bytes("Дуэт") + "},{name,<<\"Duo\">>}]", List.of("carol=0", "anna=0")));

    private SharedRosterGroupsFixture() {
    }

    /** The groups MaxIM must hold, by name (legacy usernames). */
    static Map<String, XmppServerFixture.Group> groups(boolean openfire) {
        if (openfire) {
            return Map.of("Engineering", group("Engineering", "carol", Set.of("john_doe"), "anna", "carol", "john_doe"),
                    "all-staff", group("all-staff", "bob", Set.of(), "bob", "dave", "erin"),
                    "Big Team", group("Big Team", "anna", Set.of(), "anna", "bob", "dave", "张伟"),
                    "Дуэт", group("Дуэт", "anna", Set.of(), "anna", "carol"));
        }
        return Map.of("Engineering", group("Engineering", "anna", Set.of(), "anna", "carol", "john_doe"),
                "all-staff", group("all-staff", "bob", Set.of(), "bob", "dave", "erin"),
                "Big Team", group("Big Team", "anna", Set.of(), "anna", "bob", "dave", "张伟"),
                "Дуэт", group("Дуэт", "anna", Set.of(), "anna", "carol"));
    }

    /**
     * The friendships the groups add to the roster's (anna and john_doe are friends by ofRoster already; anna and carol
     * by two groups): Engineering's and Дуэт's members; ejabberd: every sr_group's within the cap, all-staff's too.
     */
    static List<String[]> friendships(boolean openfire) {
        List<String[]> edges = new ArrayList<>();
        mutual(edges, "anna", "carol");
        mutual(edges, "carol", "john_doe");
        if (!openfire) {
            mutual(edges, "bob", "dave");
            mutual(edges, "bob", "erin");
            mutual(edges, "dave", "erin");
        }
        return edges;
    }

    private static void mutual(List<String[]> edges, String a, String b) {
        edges.add(new String[] {a, b});
        edges.add(new String[] {b, a});
    }

    private static XmppServerFixture.Group group(String name, String owner, Set<String> admins, String... members) {
        return new XmppServerFixture.Group(name, owner, admins, Set.of(members));
    }

    static void openfireTables(JdbcTemplate db) {
        db.execute("CREATE TABLE ofGroup (groupName VARCHAR(50) NOT NULL, description VARCHAR(255), CONSTRAINT ofGroup_pk PRIMARY KEY (groupName))");
        db.execute("CREATE TABLE ofGroupProp (groupName VARCHAR(50) NOT NULL, name VARCHAR(100) NOT NULL, propValue TEXT NOT NULL,"
                + " CONSTRAINT ofGroupProp_pk PRIMARY KEY (groupName, name))");
        db.execute("CREATE TABLE ofGroupUser (groupName VARCHAR(50) NOT NULL, username VARCHAR(100) NOT NULL, administrator INTEGER NOT NULL,"
                + " CONSTRAINT ofGroupUser_pk PRIMARY KEY (groupName, username, administrator))");
    }

    static void openfireData(JdbcTemplate db) {
        for (Shared group : GROUPS) {
            db.update("INSERT INTO ofGroup (groupName, description) VALUES (?, ?)", group.group(), "the " + group.group() + " group");
            if (group.show() != null) {
                db.update("INSERT INTO ofGroupProp (groupName, name, propValue) VALUES (?, 'sharedRoster.showInRoster', ?)", group.group(), group.show());
                db.update("INSERT INTO ofGroupProp (groupName, name, propValue) VALUES (?, 'sharedRoster.groupList', '')", group.group());
            }
            if (group.displayName() != null) {
                db.update("INSERT INTO ofGroupProp (groupName, name, propValue) VALUES (?, 'sharedRoster.displayName', ?)", group.group(), group.displayName());
            }
            for (String member : group.members()) {
                String[] parts = member.split("=");
                db.update("INSERT INTO ofGroupUser (groupName, username, administrator) VALUES (?, ?, ?)", group.group(), parts[0],
                        Integer.parseInt(parts[1]));
            }
        }
    }

    static void ejabberdTables(JdbcTemplate db) {
        db.execute("CREATE TABLE sr_group (name text NOT NULL, opts text NOT NULL, created_at TIMESTAMP NOT NULL DEFAULT now())");
        db.execute("CREATE UNIQUE INDEX i_sr_group_name ON sr_group USING btree (name)");
        db.execute("CREATE TABLE sr_user (jid text NOT NULL, grp text NOT NULL, created_at TIMESTAMP NOT NULL DEFAULT now())");
        db.execute("CREATE UNIQUE INDEX i_sr_user_jid_grp ON sr_user USING btree (jid, grp)");
    }

    /** ejabberd has no shown-to-nobody groups nor groups without options: those two are Openfire's only. */
    static void ejabberdData(JdbcTemplate db) {
        for (Shared group : GROUPS) {
            if (group.opts() == null) {
                continue;
            }
            db.update("INSERT INTO sr_group (name, opts) VALUES (?, ?)", group.group(), group.opts());
            for (String jid : group.members().stream().map(m -> m.split("=")[0]).distinct().toList()) {
                // erin's JID with the domain in capitals: the domain compares in lower case.
                String full = jid.contains("@") ? jid : jid + "@" + (jid.equals("erin") ? "EXAMPLE.ORG" : XmppServerFixture.DOMAIN);
                db.update("INSERT INTO sr_user (jid, grp) VALUES (?, ?)", full, group.group());
            }
        }
    }

    /** A binary as ejabberd prints one whose bytes are not all printable latin1: a list of bytes. */
    private static String bytes(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> list = new ArrayList<>();
        for (byte b : bytes) {
            list.add(String.valueOf(b & 0xff));
        }
        return list.stream().collect(Collectors.joining(",", "<<", ">>"));
    }
}
