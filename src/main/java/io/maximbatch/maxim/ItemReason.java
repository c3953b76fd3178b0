package io.maximbatch.maxim;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why one item of a multi-item answer (a user of a batch registration, of an invite) did not succeed, read without
 * assuming its form: the vendor documents the reason only as text. A leading five-digit code is classified like an
 * answer's code; without one, the texts that say the item is already there count as already done.
 *
 * @param code the leading code, or null
 * @param text the reason as the server wrote it ("no reason given" when it wrote none)
 */
record ItemReason(Integer code, String text) {

    private static final Pattern LEADING_CODE = Pattern.compile("^\\s*(\\d{5})\\b");
    /** "User is already a group member", "already an admin", "already in friend list", "user already exists", ... */
    private static final List<Pattern> ALREADY_THERE = List.of(
            Pattern.compile("\\balready (?:a |an |in |in the )?(?:group )?(?:member|admin|administrator|manager|friends?|friend list)\\b(?!\\s+of\\b)"),
            Pattern.compile("\\balready (?:exists?|registered|taken)\\b"),
            Pattern.compile("\\b(?:username|name) (?:is )?taken\\b"));

    static ItemReason of(String reason) {
        if (reason == null || reason.isBlank()) {
            return new ItemReason(null, "no reason given");
        }
        Matcher code = LEADING_CODE.matcher(reason);
        return new ItemReason(code.find() ? Integer.valueOf(code.group(1)) : null, reason.strip());
    }

    /** The item is there already (maybe by an earlier attempt of ours whose answer was lost). */
    boolean alreadyDone() {
        if (code != null) {
            return ErrorCodes.ofCode(code) == ErrorClass.ALREADY_DONE;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return ALREADY_THERE.stream().anyMatch(p -> p.matcher(lower).find());
    }

    /** A code that says asking again may succeed, or that nothing will (then the step fails, not the record). */
    boolean transientOrFatal() {
        return code != null && (ErrorCodes.ofCode(code) == ErrorClass.RETRYABLE || ErrorCodes.ofCode(code) == ErrorClass.FATAL);
    }

    /** The reject code of a record whose item the server refused: its code, or the one given. */
    String rejectCode(String withoutCode) {
        return code != null ? String.valueOf(code) : withoutCode;
    }
}
