package io.maximbatch.users;

/** What register-users does with a username MaxIM would refuse (job file key `usernames`). */
enum Usernames {
    /** Rejects the row (INVALID_USERNAME): the default. */
    REJECT,
    /** Gives it the name of UsernameRewrite's contract, decided for the whole source before anyone is registered. */
    REWRITE
}
