package io.maximbatch.bench;

import io.maximbatch.legacy.XmppServerFixture;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * `BenchOpenfire <jdbc-url> <user> <password> <accounts>`: an Openfire server of that many accounts for bench/run.sh,
 * in Openfire's tables (as the XMPP tests create them) in the schema the URL names: a third of the names in Cyrillic
 * (rewritten), half without a plain password (derived), a nickname on every vCard and a PNG avatar on a quarter, 3
 * mutual friends each (a remark on 1 in 20), 500 rooms of 21 (owner and 20 members, a subject on half, nicknames on
 * 1 in 5 members), shared roster groups (one `onlyGroup` group of 10 per 500 accounts, an administrator in each, and
 * as many `everybody` groups of 5), and a default privacy list blocking two users for 1 account in 100. Set-based SQL:
 * 100,000 accounts take a few seconds.
 */
public final class BenchOpenfire {

    /** A 1x1 PNG. */
    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    private static final int ROOMS = 500;
    private static final int ROOM_MEMBERS = 20;
    private static final int FRIENDS = 3;
    private static final int SHARED_MEMBERS = 10;

    private BenchOpenfire() {
    }

    public static void main(String[] args) {
        JdbcTemplate db = new JdbcTemplate(new DriverManagerDataSource(args[0], args[1], args[2]));
        int accounts = Integer.parseInt(args[3]);
        XmppServerFixture.openfireTables(db);
        // The account of number i (1..accounts): a third of them in Cyrillic.
        db.execute("CREATE FUNCTION bench_name(i integer) RETURNS text IMMUTABLE LANGUAGE sql AS "
                + "$$ SELECT CASE WHEN i % 3 = 0 THEN 'пользователь.' || i ELSE 'user' || i END $$");
        db.update("INSERT INTO ofUser (username, plainPassword, encryptedPassword, name, creationDate, modificationDate)"
                + " SELECT bench_name(i), CASE WHEN i % 2 = 0 THEN 'pw-' || i END, CASE WHEN i % 2 = 1 THEN 'hash' END, 'Name ' || i,"
                + " '001700000000000', '001700000000000' FROM generate_series(1, ?) i", accounts);
        db.update("INSERT INTO ofVCard (username, vcard) SELECT bench_name(i), '<vCard xmlns=\"vcard-temp\"><NICKNAME>Nick ' || i"
                + " || '</NICKNAME>' || CASE WHEN i % 4 = 0 THEN '<PHOTO><TYPE>image/png</TYPE><BINVAL>" + PNG + "</BINVAL></PHOTO>'"
                + " ELSE '' END || '</vCard>' FROM generate_series(1, ?) i", accounts);
        // Each account adds the next FRIENDS accounts, and they add it back: both rows 'both' (sub 3).
        db.update("INSERT INTO ofRoster (rosterID, username, jid, sub, ask, recv, nick)"
                + " SELECT i * 8 + d + side * 4, bench_name(CASE WHEN side = 0 THEN i ELSE (i + d - 1) % ? + 1 END),"
                + " bench_name(CASE WHEN side = 0 THEN (i + d - 1) % ? + 1 ELSE i END) || '@example.org', 3, -1, -1,"
                + " CASE WHEN (i + d + side) % 20 = 0 THEN 'Remark ' || i END"
                + " FROM generate_series(1, ?) i, generate_series(1, ?) d, generate_series(0, 1) side", accounts, accounts, accounts, FRIENDS);
        db.update("INSERT INTO ofMucService (serviceID, subdomain, description, isHidden) VALUES (1, 'conference', NULL, 0)");
        db.update("INSERT INTO ofMucRoom (serviceID, roomID, creationDate, modificationDate, name, naturalName, description, lockedDate,"
                + " canChangeSubject, maxUsers, publicRoom, moderated, membersOnly, canInvite, canDiscoverJID, logEnabled, retireOnDeletion,"
                + " preserveHistOnDel, rolesToBroadcast, useReservedNick, canChangeNick, canRegister, roomPassword, subject)"
                + " SELECT 1, r, '001700000000000', '001700000000000', 'room' || r, 'Room ' || r, 'About room ' || r, '000000000000000',"
                + " (r % 5 = 0)::int, 30, 1, 0, r % 2, (r % 3 = 0)::int, 0, 1, 0, 1, 7, 0, 1, 1, NULL,"
                + " CASE WHEN r % 2 = 1 THEN 'Topic of room ' || r END FROM generate_series(1, ?) r", ROOMS);
        db.update("INSERT INTO ofMucAffiliation (roomID, jid, affiliation)"
                + " SELECT r, bench_name((r * 97) % ? + 1) || '@example.org', 10 FROM generate_series(1, ?) r", accounts, ROOMS);
        db.update("INSERT INTO ofMucMember (roomID, jid, nickname)"
                + " SELECT r, bench_name((r * 97 + k) % ? + 1) || '@example.org', CASE WHEN k % 5 = 0 THEN 'Room nick ' || k END"
                + " FROM generate_series(1, ?) r, generate_series(1, ?) k", accounts, ROOMS, ROOM_MEMBERS);
        int shared = Math.max(1, accounts / 500);
        db.update("INSERT INTO ofGroup (groupName, description) SELECT 'team ' || g, NULL FROM generate_series(1, ?) g", 2 * shared);
        db.update("INSERT INTO ofGroupProp (groupName, name, propValue) SELECT 'team ' || g, 'sharedRoster.showInRoster',"
                + " CASE WHEN g <= ? THEN 'onlyGroup' ELSE 'everybody' END FROM generate_series(1, ?) g", shared, 2 * shared);
        db.update("INSERT INTO ofGroupProp (groupName, name, propValue) SELECT 'team ' || g, 'sharedRoster.displayName', 'Team ' || g"
                + " FROM generate_series(1, ?) g", 2 * shared);
        db.update("INSERT INTO ofGroupUser (groupName, username, administrator) SELECT 'team ' || g, bench_name((g * 389 + k) % ? + 1),"
                + " (k = 1)::int FROM generate_series(1, ?) g, generate_series(1, ?) k WHERE g <= ? OR k <= 5",
                accounts, 2 * shared, SHARED_MEMBERS, shared);
        db.update("INSERT INTO ofPrivacyList (username, name, isDefault, list) SELECT bench_name(i), 'blocked', 1,"
                + " '<list xmlns=\"jabber:iq:privacy\" name=\"blocked\"><item type=\"jid\" value=\"' || bench_name(i % ? + 1)"
                + " || '@example.org\" action=\"deny\" order=\"1\"/><item type=\"jid\" value=\"' || bench_name((i + 7) % ? + 1)"
                + " || '@example.org\" action=\"deny\" order=\"2\"/></list>' FROM generate_series(100, ?, 100) i", accounts, accounts, accounts);
        System.out.println("openfire: " + accounts + " accounts, " + db.queryForObject("SELECT count(*) FROM ofRoster", Long.class)
                + " roster rows, " + ROOMS + " rooms");
    }
}
