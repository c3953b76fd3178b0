package io.maximbatch.step;

import java.util.Optional;

/**
 * The one rule every step type applies to a legacy id it reads (a user's, a friend's, a group's, an audience's): it is
 * there, it fits the ID maps (at most 255 characters), and it is text the file's encoding could decode. Each type
 * names the problem with its own reject code, the column's name in its text.
 */
public final class LegacyIds {

    /** What the ID maps' legacy id columns hold. */
    public static final int MAX_LENGTH = 255;
    /** The text of a reject for a legacy id that is too long, for the column named. */
    public static final String TOO_LONG = "%s is longer than " + MAX_LENGTH + " characters";
    /** The text of a reject for a row holding bytes that were not text. */
    public static final String UNDECODABLE = "the row holds bytes that are not valid text in the file's encoding (UTF-8 expected)";

    /** What is wrong with a legacy id. */
    public enum Problem { MISSING, TOO_LONG, UNDECODABLE }

    private LegacyIds() {
    }

    /** The legacy id's problem, or empty when it may be looked up. */
    public static Optional<Problem> problem(String legacyId) {
        if (legacyId == null) {
            return Optional.of(Problem.MISSING);
        }
        if (legacyId.length() > MAX_LENGTH) {
            return Optional.of(Problem.TOO_LONG);
        }
        return undecodable(legacyId) ? Optional.of(Problem.UNDECODABLE) : Optional.empty();
    }

    /** True for text holding the replacement character a decoder puts where bytes were not text. */
    public static boolean undecodable(String value) {
        return value != null && value.indexOf('\uFFFD') >= 0;
    }
}
