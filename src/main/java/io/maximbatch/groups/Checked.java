package io.maximbatch.groups;

/** A row after validation: either valid, or carrying the reason it is rejected. */
record Checked<R>(R row, String rejectCode, String rejectReason) {

    static <R> Checked<R> valid(R row) {
        return new Checked<>(row, null, null);
    }

    static <R> Checked<R> rejected(R row, GroupRowValidator.Violation violation) {
        return new Checked<>(row, violation.code(), violation.reason());
    }

    boolean isValid() {
        return rejectCode == null;
    }
}
