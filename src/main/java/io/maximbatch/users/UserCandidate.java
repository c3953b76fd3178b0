package io.maximbatch.users;

/** A row after validation: either valid, or carrying the reason it is rejected. */
record UserCandidate(UserRow row, String rejectCode, String rejectReason) {

    static UserCandidate valid(UserRow row) {
        return new UserCandidate(row, null, null);
    }

    static UserCandidate rejected(UserRow row, String code, String reason) {
        return new UserCandidate(row, code, reason);
    }

    boolean isValid() {
        return rejectCode == null;
    }
}
