package io.maximbatch.users;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A user's password as register-users sends it: the source's column, or derived from the legacy id. Derived =
 * the first 24 characters of the unpadded base64url of HMAC-SHA256(key, legacy id), both as UTF-8: the app's login
 * service computes the same with the same key, so nothing derived is ever stored (docs/job-files.md, "Passwords a legacy system cannot give back").
 */
final class Passwords {

    static final int DERIVED_LENGTH = 24;

    private final PasswordSettings settings;
    private final byte[] key;

    private Passwords(PasswordSettings settings, byte[] key) {
        this.settings = settings;
        this.key = key;
    }

    /** The passwords of a step's settings; the key is read from its environment variable now (checked at parse). */
    static Passwords of(PasswordSettings settings) {
        if (settings.deriveKeyEnv() == null) {
            return new Passwords(settings, null);
        }
        String key = key(settings.deriveKeyEnv());
        if (key == null) {
            throw new IllegalStateException(settings.deriveKeyEnv() + " is not set: it must hold the key passwords are derived with");
        }
        return new Passwords(settings, key.getBytes(StandardCharsets.UTF_8));
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
        return legacyId == null ? null : derive(key, legacyId);
    }

    static String derive(byte[] key, String legacyId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(legacyId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, DERIVED_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
