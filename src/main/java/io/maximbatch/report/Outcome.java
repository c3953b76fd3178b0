package io.maximbatch.report;

/** What became of a record (or of one item of a call): written by this run, already done, or rejected and why. */
public record Outcome(Kind kind, Why why) {

    public enum Kind { WRITTEN, ALREADY_DONE, REJECTED }

    public static final Outcome WRITTEN = new Outcome(Kind.WRITTEN, null);
    public static final Outcome ALREADY_DONE = new Outcome(Kind.ALREADY_DONE, null);

    public static Outcome rejected(Why why) {
        return new Outcome(Kind.REJECTED, why);
    }

    public static Outcome rejected(String code, String reason) {
        return rejected(new Why(code, reason));
    }

    public boolean isRejected() {
        return kind == Kind.REJECTED;
    }
}
