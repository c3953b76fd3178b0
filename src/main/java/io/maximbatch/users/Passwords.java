package io.maximbatch.users;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's password as register-users sends it: the source's column, or derived from the legacy id. Derived = the
 * first 24 characters of the unpadded base64url of HMAC-SHA256(key, message), both as UTF-8, where the message is
 * `v1|<app id>|<legacy id>` (scheme v1) or the legacy id alone (v0): the app's login service computes the same with
 * the same key, so nothing derived is ever stored (docs/job-files.md, "Passwords a legacy system cannot give back").
 */
final class Passwords {

    static final int DERIVED_LENGTH = 24;
    /** The shortest v1 key: a short key lets one known password reveal it by an offline search. */
    static final int MIN_KEY_BYTES = 32;

    private static final Logger log = LoggerFactory.getLogger(Passwords.class);

    private final PasswordSettings settings;
    private final byte[] key;
    private final String appId;

    private Passwords(PasswordSettings settings, byte[] key, String appId) {
        this.settings = settings;
        this.key = key;
        this.appId = appId;
    }

    /**
     * The passwords of a step's settings for the MaxIM app the run targets; the key is read from its environment
     * variable now (checked at parse). Throws IllegalStateException when a v1 key is missing or short, or v1 has no app id.
     */
    static Passwords of(PasswordSettings settings, String appId) {
        if (settings.deriveKeyEnv() == null) {
            return new Passwords(settings, null, appId);
        }
        String key = key(settings.deriveKeyEnv());
        if (key == null) {
            throw new IllegalStateException(settings.deriveKeyEnv() + " is not set: it must hold the key passwords are derived with");
        }
        if (refused(settings.passwordScheme(), key)) {
            throw new IllegalStateException(settings.deriveKeyEnv() + " holds a key shorter than " + MIN_KEY_BYTES
                    + " bytes: password-scheme v1 needs at least " + MIN_KEY_BYTES);
        }
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (settings.passwordScheme() == PasswordScheme.V1) {
            if (appId == null || appId.isBlank()) {
                throw new IllegalStateException("maxim.app-id is not set (MAXIM_APP_ID): password-scheme v1 derives each password"
                        + " from the app id the run targets");
            }
        } else if (bytes.length < MIN_KEY_BYTES) {
            log.warn("{} holds a key shorter than {} bytes: password-scheme v0 keeps accepting it so that migrated users keep"
                    + " their passwords, but a short key can be found from one known password", settings.deriveKeyEnv(), MIN_KEY_BYTES);
        }
        return new Passwords(settings, bytes, appId);
    }

    /** Whether the scheme refuses the key: v1 one shorter than MIN_KEY_BYTES (v0 accepts it, with a warning at run time). */
    static boolean refused(PasswordScheme scheme, String key) {
        return scheme == PasswordScheme.V1 && key.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES;
    }

    /** The key an environment variable holds, or null when it is unset or empty. */
    static String key(String environmentVariable) {
        String key = System.getenv(environmentVariable);
        return key == null || key.isEmpty() ? null : key;
    }

    /** The source column the password is read from (null when every password is derived). */
    String column() {
        return settings.readsColumn() ? settings.column() : null;
    }

    /** Whether this row's password is derived: always, or (when: missing) where its column is empty. */
    boolean derives(String columnValue) {
        return key != null && (settings.when() == PasswordSettings.When.ALWAYS || columnValue == null);
    }

    /** The password to send for a row: derived (see derives) or the column's value; null without either. */
    String of(String legacyId, String columnValue) {
        if (!derives(columnValue)) {
            return columnValue;
        }
        return legacyId == null ? null : derive(settings.passwordScheme(), key, appId, legacyId);
    }

    /** The derived password of a legacy id: v1 signs `v1|appId|legacyId`, v0 the legacy id alone (appId unused). */
    static String derive(PasswordScheme scheme, byte[] key, String appId, String legacyId) {
        String message = scheme == PasswordScheme.V1 ? "v1|" + appId + "|" + legacyId : legacyId;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, DERIVED_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
