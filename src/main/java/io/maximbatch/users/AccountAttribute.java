package io.maximbatch.users;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The attributes of an account a users row can carry, each applied by its own MaxIM call and recorded in the
 * applied-state ledger by a canonical text of its value (null: the row leaves it as it is).
 */
enum AccountAttribute {
    /** nickname, description, public and private info: one /user/profile/batch item. */
    PROFILE,
    /** /user/avatar/batch. */
    AVATAR,
    /** /user/push/tag as the user: what `tag:` pushes reach. */
    TAGS,
    /** /user/push/alias as the user: what `alias:` pushes reach. */
    ALIAS,
    /** /user/disable or /user/enable. */
    DISABLED;

    private static final Pattern URL = Pattern.compile("(?i)https?://\\S+");
    private static final String ABSENT = "\u0000";
    /** What reconcile expects of an account whose picture no run has uploaded yet: no URL is like it. */
    static final String NOT_UPLOADED = "(the source's picture, not uploaded yet)";

    /** The name the ledger records it by. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The canonical text of the row's value, or null when the row leaves the attribute as it is. */
    String value(AccountFields f) {
        return switch (this) {
            case PROFILE -> f.nickname() == null && f.description() == null && f.publicInfo() == null && f.privateInfo() == null ? null
                    : String.join("\u001f", orAbsent(f.nickname()), orAbsent(f.description()), orAbsent(f.publicInfo()), orAbsent(f.privateInfo()));
            case AVATAR -> f.uploadsAvatar() ? null : f.avatar();
            case TAGS -> f.tags().isEmpty() ? null : String.join("|", new TreeSet<>(f.tags()));
            case ALIAS -> f.alias();
            case DISABLED -> disabled(f.disabled()).map(String::valueOf).orElse(null);
        };
    }

    /** Why the row's value cannot be applied, or null. */
    static String problem(AccountFields f) {
        if (f.disabled() != null && disabled(f.disabled()).isEmpty()) {
            return "disabled";
        }
        if (f.avatar() != null && !f.uploadsAvatar() && !URL.matcher(f.avatar()).matches()) {
            return "avatar";
        }
        return null;
    }

    /** true/1/yes, false/0/no (any case); empty when the text says neither. */
    static Optional<Boolean> disabled(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> Optional.of(true);
            case "false", "0", "no" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /**
     * What reconcile compares of an account: the fields MaxIM lets us read back (not the alias); disabled "true" or
     * "false"; uploadedAvatar: the URL a row's picture to upload must be at (null: none, the picture cannot be an avatar).
     */
    static Map<String, String> expected(AccountFields f, String uploadedAvatar) {
        Map<String, String> expected = new LinkedHashMap<>();
        put(expected, AccountFields.NICKNAME, f.nickname());
        put(expected, AccountFields.DESCRIPTION, f.description());
        put(expected, AccountFields.PUBLIC_INFO, f.publicInfo());
        put(expected, AccountFields.PRIVATE_INFO, f.privateInfo());
        put(expected, AccountFields.AVATAR, f.uploadsAvatar() ? uploadedAvatar : f.avatar());
        put(expected, AccountFields.TAGS, TAGS.value(f));
        put(expected, AccountFields.DISABLED, DISABLED.value(f));
        return expected;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** The tags of a canonical TAGS value. */
    static List<String> tags(String value) {
        return List.of(value.split("\\|"));
    }

    private static String orAbsent(String value) {
        return value == null ? ABSENT : value;
    }
}
