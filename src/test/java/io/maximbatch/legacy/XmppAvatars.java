package io.maximbatch.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.sandbox.SandboxState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The vCard PHOTOs of the XMPP fixture's accounts: a PNG and a JPEG as BINVAL (base64, folded as vCards fold it), an
 * EXTVAL URL, and a BINVAL that is no picture (AVATAR_UNUSABLE, the account still migrates); and what MaxIM must hold.
 */
final class XmppAvatars {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1};
    static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1};
    static final String EXTVAL = "https://pics.example.org/carol.jpg";
    /** The fixture's placeholder PHOTO (a TYPE without a picture), which a user's PHOTO replaces. */
    private static final String NO_PICTURE = "<PHOTO><TYPE>image/png</TYPE></PHOTO>";
    /** legacy username -> its PHOTO element. */
    private static final Map<String, String> PHOTOS = Map.of(
            "anna", binval("image/png", PNG),
            "bob", binval("image/jpeg", JPEG),
            "carol", "<PHOTO><EXTVAL>" + EXTVAL + "</EXTVAL></PHOTO>",
            "dave", binval("image/png", "not a picture at all".getBytes(StandardCharsets.US_ASCII)));
    /** Accounts whose picture is not one: their attributes row is rejected with AVATAR_UNUSABLE. */
    static final long UNUSABLE = 1;

    private XmppAvatars() {
    }

    private static String binval(String type, byte[] bytes) {
        String folded = Base64.getEncoder().encodeToString(bytes).replaceAll("(.{12})", "$1\n    ");
        return "<PHOTO><TYPE>" + type + "</TYPE><BINVAL>" + folded + "</BINVAL></PHOTO>";
    }

    /** Openfire: the PHOTO in ofVCard, replacing the placeholder of a vCard the fixture wrote, else in a vCard of its own. */
    static void openfire(JdbcTemplate db) {
        PHOTOS.forEach((user, photo) -> {
            if (db.update("UPDATE ofVCard SET vcard = replace(vcard, ?, ?) WHERE username = ?", NO_PICTURE, photo, user) == 0) {
                db.update("INSERT INTO ofVCard (username, vcard) VALUES (?, ?)", user, "<vCard xmlns=\"vcard-temp\">" + photo + "</vCard>");
            }
        });
    }

    /** ejabberd's vcard table, as its schema declares it (unless the schema made it). */
    static void ejabberdTable(JdbcTemplate db) {
        db.execute("CREATE TABLE IF NOT EXISTS vcard (username text PRIMARY KEY, vcard text NOT NULL, created_at TIMESTAMP NOT NULL DEFAULT now())");
    }

    /** ejabberd: the whole vCard in its vcard table. */
    static void ejabberd(JdbcTemplate db) {
        ejabberdTable(db);
        PHOTOS.forEach((user, photo) -> db.update("INSERT INTO vcard (username, vcard) VALUES (?, ?)", user,
                "<vCard xmlns='vcard-temp'>" + photo + "</vCard>"));
    }

    /** Each picture uploaded and set once (the bytes served at the avatar's URL), the EXTVAL set as is, the non-picture left out. */
    static void assertAvatars(SandboxState state, Map<String, Long> ids) throws Exception {
        Map<Long, SandboxState.AccountView> accounts = state.accounts();
        assertThat(download(accounts.get(ids.get("anna")).avatar())).as("anna's PNG").isEqualTo(PNG);
        assertThat(download(accounts.get(ids.get("bob")).avatar())).as("bob's JPEG").isEqualTo(JPEG);
        assertThat(accounts.get(ids.get("carol")).avatar()).as("carol's EXTVAL").isEqualTo(EXTVAL);
        assertThat(accounts.get(ids.get("dave")) == null ? null : accounts.get(ids.get("dave")).avatar()).as("dave's non-picture").isNull();
        assertThat(state.executedUpdates().getOrDefault("avatar", 0L)).as("each avatar set once").isEqualTo(3L);
    }

    private static byte[] download(String url) throws Exception {
        assertThat(url).isNotNull();
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }
}
