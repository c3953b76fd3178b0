package io.maximbatch.outcome;


/**
 * What became of a record (or of one item of a call): written by this run, updated (it was there, and this run changed
 * some of its attributes), already done, pending (MaxIM holds it until a person consents: an invite to a user whose
 * settings ask for consent), capped (a campaign target the frequency cap skipped, and why: listed, never a rejection), or
 * rejected and why.
 */
public record Outcome(Kind kind, Why why) {

    public enum Kind { WRITTEN, UPDATED, ALREADY_DONE, REJECTED, PENDING, CAPPED }

    public static final Outcome WRITTEN = new Outcome(Kind.WRITTEN, null);
    public static final Outcome UPDATED = new Outcome(Kind.UPDATED, null);
    public static final Outcome ALREADY_DONE = new Outcome(Kind.ALREADY_DONE, null);
    public static final Outcome PENDING = new Outcome(Kind.PENDING, null);

    public static Outcome rejected(Why why) {
        return new Outcome(Kind.REJECTED, why);
    }

    public static Outcome rejected(String code, String reason) {
        return rejected(new Why(code, reason));
    }

    /** A campaign target skipped because the person had their share of pushes in the cap's window. */
    public static Outcome capped(Why why) {
        return new Outcome(Kind.CAPPED, why);
    }

    public boolean isRejected() {
        return kind == Kind.REJECTED;
    }
}
