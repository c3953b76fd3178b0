package io.maximbatch.users;

/**
 * How a password is derived (job file key `password.password-scheme`). v1, the default: HMAC-SHA256 over
 * `v1|<app id>|<legacy id>`, so that one key gives a user different passwords in different apps, with a key of at
 * least 32 bytes. v0: HMAC-SHA256 over the legacy id alone, as before schemes existed; only when a job names it, for
 * migrations whose users already have those passwords.
 */
enum PasswordScheme { V0, V1 }
