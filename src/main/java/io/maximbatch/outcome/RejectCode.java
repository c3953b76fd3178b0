package io.maximbatch.outcome;

import java.util.Locale;

/**
 * A reject code of a step type: an enum constant that owns its one text, a format whose arguments are the record's
 * own values (a legacy id, a line).
 */
public interface RejectCode {

    String name();

    String text();

    default Why why(Object... args) {
        return new Why(name(), String.format(Locale.ROOT, text(), args));
    }

    /** This code's text for a refusal by MaxIM, under MaxIM's own answer code (which the reject report keeps). */
    default Why answered(String maximCode, Object... args) {
        return new Why(maximCode, String.format(Locale.ROOT, text(), args));
    }
}
