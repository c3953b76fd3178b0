package io.maximbatch.users;

import java.util.function.Predicate;

/**
 * The username contract of `usernames: rewrite` (issue 17), as pure functions; which names are taken is the caller's:
 * <ul>
 * <li>a name MaxIM accepts (its pattern) is never changed;</li>
 * <li>otherwise each run of characters outside A-Z a-z 0-9 _ and Han U+4E00..U+9FA5 becomes one `_`; an empty or
 * all-digit result, or one beginning with `maxim` or `mta` (case-sensitive), is prefixed with `u_`; it is cut to 64;</li>
 * <li>a taken name gets the first free of `_2`, `_3`, ... (the name cut so that the whole stays within 64).</li>
 * </ul>
 */
final class UsernameRewrite {

    /** The longest name a rewrite makes. */
    static final int MAX = 64;

    private UsernameRewrite() {
    }

    /** Whether the name stays as it is: MaxIM's pattern accepts it. */
    static boolean unchanged(String username) {
        return UserDecision.vendorAccepts(username);
    }

    /** The rewritten form of a name MaxIM refuses, before any suffix. */
    static String base(String username) {
        StringBuilder name = new StringBuilder();
        boolean inRun = false;
        for (int i = 0; i < username.length(); ) {
            int c = username.codePointAt(i);
            i += Character.charCount(c);
            if (allowed(c)) {
                name.appendCodePoint(c);
                inRun = false;
            } else if (!inRun) {
                name.append('_');
                inRun = true;
            }
        }
        String rewritten = name.toString();
        if (rewritten.isEmpty() || rewritten.chars().allMatch(c -> c >= '0' && c <= '9') || rewritten.startsWith("maxim")
                || rewritten.startsWith("mta")) {
            rewritten = "u_" + rewritten;
        }
        // Every character left is one UTF-16 unit (ASCII or Han of the BMP): cutting by length cuts no character in two.
        return rewritten.length() > MAX ? rewritten.substring(0, MAX) : rewritten;
    }

    /** base, or the first of base_2, base_3, ... (cut to stay within MAX) that is not taken. */
    static String free(String base, Predicate<String> taken) {
        if (!taken.test(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String suffix = "_" + n;
            String candidate = base.substring(0, Math.min(base.length(), MAX - suffix.length())) + suffix;
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
    }

    private static boolean allowed(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || (c >= 0x4E00 && c <= 0x9FA5);
    }
}
