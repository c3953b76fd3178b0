package io.maximbatch.users;

import io.maximbatch.jobfile.EnvironmentChecks;
import io.maximbatch.jobfile.SetInEnvironment;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;

/**
 * Where register-users takes each user's password (job file key `password`): the source's column (the default,
 * `{ column: password }`), or derived from the legacy id with a key held in an environment variable
 * (`{ derive-key-env: MAXIM_PASSWORD_KEY, when: missing | always, password-scheme: v1 | v0 }`): see {@link Passwords}.
 * A key variable that is not set, or a v1 key shorter than 32 bytes, is a job file problem: the run does not start
 * (exit 2) and reads nothing. Both are {@link EnvironmentChecks}: export-map, which never uses the key, parses without them.
 */
@DerivationKey(groups = EnvironmentChecks.class)
record PasswordSettings(@Pattern(regexp = "password", message = "is always password: name the source's own column with the source's"
                                + " `columns: { password: <its header> }`") String column,
                        @SetInEnvironment(groups = EnvironmentChecks.class, message = "names an environment variable that is not"
                                + " set (or empty): it must hold the key passwords are derived with") String deriveKeyEnv,
                        When when,
                        PasswordScheme passwordScheme) {

    /** always: every user's password is derived; missing: only where the column is empty. */
    enum When { MISSING, ALWAYS }

    static final PasswordSettings COLUMN = new PasswordSettings(null, null, null, null);

    PasswordSettings {
        column = column == null ? "password" : column;
        when = when == null && deriveKeyEnv != null ? When.ALWAYS : when;
        // v0 only when the job names it: a new job gets v1.
        passwordScheme = passwordScheme == null && deriveKeyEnv != null ? PasswordScheme.V1 : passwordScheme;
    }

    /** Whether the password column's values are read: not when every password is derived. */
    boolean readsColumn() {
        return deriveKeyEnv == null || when == When.MISSING;
    }

    /** Reported at `password.when`. */
    @AssertTrue(message = "is set only with derive-key-env")
    boolean isWhen() {
        return when == null || deriveKeyEnv != null;
    }

    /** Reported at `password.password-scheme`. */
    @AssertTrue(message = "is set only with derive-key-env")
    boolean isPasswordScheme() {
        return passwordScheme == null || deriveKeyEnv != null;
    }
}
