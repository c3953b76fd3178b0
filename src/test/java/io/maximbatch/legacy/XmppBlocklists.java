package io.maximbatch.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.sandbox.SandboxState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The XMPP fixture's privacy lists, written as Openfire's ofPrivacyList (the list's XML) or as ejabberd's privacy_list,
 * privacy_list_data and privacy_default_list: bob's default list denies two local users, a remote JID and a local JID of
 * nobody, and holds an allow item, a group, a subscription and a fall-through item; bob's other list and carol's only
 * (not default) list deny users too; erin's default list (XEP-0191's, as mod_blocking names it) denies two local users.
 */
final class XmppBlocklists {

    /** A list: owner, name, whether it is the owner's default, its items {type, value, action} (null type: fall-through). */
    private record PrivacyList(String owner, String name, boolean isDefault, List<String[]> items) {
    }

    private static final List<PrivacyList> LISTS = List.of(
            new PrivacyList("bob", "public", true, List.of(
                    new String[] {"jid", "anna@example.org", "deny"},
                    new String[] {"jid", "zed@jabber.org", "deny"},
                    new String[] {"jid", "dave@example.org", "allow"},
                    new String[] {"jid", "ghost@example.org", "deny"},
                    new String[] {"group", "Work", "deny"},
                    new String[] {"subscription", "none", "deny"},
                    new String[] {"jid", "carol@example.org", "deny"},
                    new String[] {null, null, "allow"})),
            new PrivacyList("bob", "invisible", false, List.<String[]>of(new String[] {"jid", "erin@example.org", "deny"})),
            new PrivacyList("carol", "quiet", false, List.<String[]>of(new String[] {"jid", "dave@example.org", "deny"})),
            new PrivacyList("erin", "Blocked contacts", true, List.of(
                    new String[] {"jid", "x.y@example.org", "deny"},
                    new String[] {"jid", "张伟@example.org", "deny"})));

    /** The blocks MaxIM must hold: blocker -> blocked, legacy names. */
    static final Map<String, Set<String>> BLOCKS = Map.of("bob", Set.of("anna", "carol"), "erin", Set.of("x.y", "张伟"));
    /** The blocks step's counts: read, written, rejected (REMOTE_JID, UNKNOWN_USER), filtered. */
    static final List<Long> COUNTS = List.of(12L, 4L, 2L, 6L);

    private XmppBlocklists() {
    }

    static void openfireTables(JdbcTemplate db) {
        db.execute("CREATE TABLE ofPrivacyList (username VARCHAR(64) NOT NULL, name VARCHAR(100) NOT NULL, isDefault INTEGER NOT NULL,"
                + " list TEXT NOT NULL, CONSTRAINT ofPrivacyList_pk PRIMARY KEY (username, name))");
    }

    /** Each list as Openfire keeps it: the list element as its client sent it, in the jabber:iq:privacy namespace. */
    static void openfireData(JdbcTemplate db) {
        for (PrivacyList list : LISTS) {
            StringBuilder xml = new StringBuilder("<list xmlns=\"jabber:iq:privacy\" name=\"" + list.name() + "\">");
            for (int i = 0; i < list.items().size(); i++) {
                String[] item = list.items().get(i);
                xml.append("<item").append(item[0] == null ? "" : " type=\"" + item[0] + "\" value=\"" + item[1] + "\"")
                        .append(" action=\"").append(item[2]).append("\" order=\"").append(i + 1).append("\"><message/></item>");
            }
            db.update("INSERT INTO ofPrivacyList (username, name, isDefault, list) VALUES (?, ?, ?, ?)", list.owner(), list.name(),
                    list.isDefault() ? 1 : 0, xml.append("</list>").toString());
        }
    }

    static void ejabberdTables(JdbcTemplate db) {
        db.execute("CREATE TABLE privacy_default_list (username text PRIMARY KEY, name text NOT NULL)");
        db.execute("CREATE TABLE privacy_list (username text NOT NULL, name text NOT NULL, id BIGSERIAL UNIQUE,"
                + " created_at TIMESTAMP NOT NULL DEFAULT now())");
        db.execute("CREATE TABLE privacy_list_data (id bigint REFERENCES privacy_list(id) ON DELETE CASCADE, t character(1) NOT NULL,"
                + " value text NOT NULL, action character(1) NOT NULL, ord NUMERIC NOT NULL, match_all boolean NOT NULL,"
                + " match_iq boolean NOT NULL, match_message boolean NOT NULL, match_presence_in boolean NOT NULL,"
                + " match_presence_out boolean NOT NULL)");
    }

    /** Each list as mod_privacy's SQL back end keeps it: t j/g/s/n, action a/d, the value '' for a fall-through item. */
    static void ejabberdData(JdbcTemplate db) {
        for (PrivacyList list : LISTS) {
            long id = db.queryForObject("INSERT INTO privacy_list (username, name) VALUES (?, ?) RETURNING id", Long.class, list.owner(), list.name());
            if (list.isDefault()) {
                db.update("INSERT INTO privacy_default_list (username, name) VALUES (?, ?)", list.owner(), list.name());
            }
            for (int i = 0; i < list.items().size(); i++) {
                String[] item = list.items().get(i);
                db.update("INSERT INTO privacy_list_data (id, t, value, action, ord, match_all, match_iq, match_message, match_presence_in,"
                        + " match_presence_out) VALUES (?, ?, ?, ?, ?, true, false, false, false, false)", id,
                        item[0] == null ? "n" : item[0].substring(0, 1), item[1] == null ? "" : item[1], item[2].substring(0, 1), i + 1);
            }
        }
    }

    /** MaxIM holds exactly the blocks of the default lists' deny-jid items of local users. */
    static void assertBlocked(SandboxState state, Map<String, String> names) {
        Map<String, Long> ids = state.usersByName();
        Map<String, Set<String>> held = new java.util.HashMap<>();
        state.blocks().forEach((user, blocked) -> blocked.forEach(other -> held.computeIfAbsent(nameOf(ids, user), k -> new TreeSet<>())
                .add(nameOf(ids, other))));
        Map<String, Set<String>> expected = new java.util.HashMap<>();
        BLOCKS.forEach((user, blocked) -> blocked.forEach(other -> expected.computeIfAbsent(names.get(user), k -> new TreeSet<>())
                .add(names.get(other))));
        assertThat(held).as("the users each user blocked").isEqualTo(expected);
        assertThat(state.executedUpdates().getOrDefault("block", 0L)).as("each block made once").isEqualTo(4L);
    }

    private static String nameOf(Map<String, Long> ids, long id) {
        return ids.entrySet().stream().filter(e -> e.getValue() == id).map(Map.Entry::getKey).findFirst().orElse("#" + id);
    }
}
