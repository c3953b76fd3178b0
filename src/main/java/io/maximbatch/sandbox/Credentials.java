package io.maximbatch.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The vendor's rules for a registration's username and password, as the sandbox applies them (10002 when broken). */
final class Credentials {

    /** The vendor's Swagger pattern, as the vendor writes it (case-sensitive: Maximilian is a valid name). */
    private static final Pattern USERNAME = Pattern.compile("^(?!mta|maxim)[a-zA-Z0-9_\u4e00-\u9fa5]*[a-zA-Z_\u4e00-\u9fa5]+[a-zA-Z0-9_\u4e00-\u9fa5]*");
    /** A length the vendor does not document; the sandbox sets one, so that a client is tested on the server's own refusal. */
    static final int MAX_USERNAME = 64;

    private Credentials() {
    }

    /** A password as the sandbox keeps it: SHA-256 of the user id and the password, never the password itself. */
    static String hash(long userId, String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((userId + ":" + password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks the vendor's username and password rules; 10002 when broken. */
    static void check(String username, String password) throws ApiException {
        if (username == null || username.length() > MAX_USERNAME || !USERNAME.matcher(username).matches()) {
            throw ApiException.badRequest("invalid username");
        }
        if (password == null || password.isEmpty()) {
            throw ApiException.badRequest("invalid password");
        }
    }
}
