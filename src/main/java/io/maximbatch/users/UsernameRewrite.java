package io.maximbatch.users;

import com.ibm.icu.text.Transliterator;
import java.util.function.Predicate;

/**
 * The username contract of `usernames: rewrite` (issue 17), as pure functions; which names are taken is the caller's:
 * <ul>
 * <li>a name MaxIM accepts (its pattern) is never changed;</li>
 * <li>otherwise each run of characters MaxIM refuses is first transliterated with ICU's `Any-Latin; Latin-ASCII`
 * (`Иван.Петров` → `Ivan.Петров` → `Ivan.Petrov`, `Zoë` → `Zoe`);</li>
 * <li>then each run of characters outside A-Z a-z 0-9 _ and Han U+4E00..U+9FA5 becomes one `_`; an empty or
 * all-digit result, or one beginning with `maxim` or `mta` (case-sensitive), is prefixed with `u_`; it is cut to 64;</li>
 * <li>a taken name gets the first free of `_2`, `_3`, ... (the name cut so that the whole stays within 64): the caller
 * keeps the next suffix to try per base, so that finding it is constant work per name.</li>
 * </ul>
 */
final class UsernameRewrite {

    /** The longest name a rewrite makes. */
    static final int MAX = 64;

    /** Built once: building it compiles ICU's rules (tens of milliseconds); not safe for concurrent use, hence synchronized. */
    private static final Transliterator TO_ASCII = Transliterator.getInstance("Any-Latin; Latin-ASCII");

    private UsernameRewrite() {
    }

    /** Whether the name stays as it is: MaxIM's pattern accepts it. */
    static boolean unchanged(String username) {
        return UserDecision.vendorAccepts(username);
    }

    /** The rewritten form of a name MaxIM refuses, before any suffix. */
    static String base(String username) {
        StringBuilder name = new StringBuilder();
        int run = -1;
        for (int i = 0; i < username.length(); ) {
            int c = username.codePointAt(i);
            if (allowed(c)) {
                if (run >= 0) {
                    underscored(transliterated(username.substring(run, i)), name);
                    run = -1;
                }
                name.appendCodePoint(c);
            } else if (run < 0) {
                run = i;
            }
            i += Character.charCount(c);
        }
        if (run >= 0) {
            underscored(transliterated(username.substring(run)), name);
        }
        String rewritten = name.toString();
        if (rewritten.isEmpty() || rewritten.chars().allMatch(c -> c >= '0' && c <= '9') || rewritten.startsWith("maxim")
                || rewritten.startsWith("mta")) {
            rewritten = "u_" + rewritten;
        }
        // Every character left is one UTF-16 unit (ASCII or Han of the BMP): cutting by length cuts no character in two.
        return rewritten.length() > MAX ? rewritten.substring(0, MAX) : rewritten;
    }

    /** The n-th name for a base: the base itself for 1, else base_n (the base cut so that the whole stays within MAX). */
    static String candidate(String base, int n) {
        if (n <= 1) {
            return base;
        }
        String suffix = "_" + n;
        return base.substring(0, Math.min(base.length(), MAX - suffix.length())) + suffix;
    }

    /** The first n from `from` on whose candidate is not taken (from: the base's next suffix to try, 1 for the base). */
    static int firstFree(String base, int from, Predicate<String> taken) {
        int n = Math.max(1, from);
        while (taken.test(candidate(base, n))) {
            n++;
        }
        return n;
    }

    private static synchronized String transliterated(String run) {
        return TO_ASCII.transliterate(run);
    }

    /** Appends a transliterated run: what MaxIM allows as it is, each run of what it still refuses as one `_`. */
    private static void underscored(String run, StringBuilder name) {
        boolean inRun = false;
        for (int i = 0; i < run.length(); ) {
            int c = run.codePointAt(i);
            i += Character.charCount(c);
            if (allowed(c)) {
                name.appendCodePoint(c);
                inRun = false;
            } else if (!inRun) {
                name.append('_');
                inRun = true;
            }
        }
    }

    private static boolean allowed(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || (c >= 0x4E00 && c <= 0x9FA5);
    }
}
