package io.maximbatch.users;

/** What to do when MaxIM already has a username that we did not create. */
enum OnExisting {
    /** Reject the record ("username taken"). */
    REJECT,
    /** Map the legacy user to the existing MaxIM user. */
    ADOPT
}
