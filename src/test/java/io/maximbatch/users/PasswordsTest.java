package io.maximbatch.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.JobFileException;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.jobfile.StepKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordsTest {

    @TempDir
    Path dir;

    /** The register-users keys, bound as the real step binds them; builds nothing. */
    private final JobFileParser parser = new JobFileParser(List.of(new StepKind<RegisterUsersSettings>() {
        @Override
        public String type() {
            return "register-users";
        }

        @Override
        public Class<RegisterUsersSettings> settingsClass() {
            return RegisterUsersSettings.class;
        }
    }));

    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void v0IsTheStartOfTheUnpaddedBase64UrlOfHmacSha256OfTheLegacyIdAsBeforeSchemes() {
        // Computed independently: base64.urlsafe_b64encode(hmac.new(key, legacy_id, sha256).digest()).rstrip('=')[:24]
        assertThat(Passwords.derive(PasswordScheme.V0, bytes("s3cret-key"), "app", "alice")).isEqualTo("Xh-9zgxiSQhWiEw8RWtbzY8c");
        assertThat(Passwords.derive(PasswordScheme.V0, bytes("s3cret-key"), "app", "john.doe")).isEqualTo("zu2zPSmkyYlom_-htSgocHQq");
        assertThat(Passwords.derive(PasswordScheme.V0, bytes("ключ"), "app", "用户1")).isEqualTo("ZMtb8q0B1n9zzTi_T_rVvYHD");
        // What the code before schemes gave for this key (run on it, commit before the change): v0 keeps it.
        assertThat(Passwords.derive(PasswordScheme.V0, bytes(KEY), "any-app", "alice")).isEqualTo("Qz3rRUZ-TlPbq6WUyIvDogD3");
    }

    @Test
    void v1SignsTheAppIdToo() {
        // Computed independently: ... hmac.new(key, b"v1|app-one|alice", sha256) ...
        String one = Passwords.derive(PasswordScheme.V1, bytes(KEY), "app-one", "alice");
        String two = Passwords.derive(PasswordScheme.V1, bytes(KEY), "app-two", "alice");

        assertThat(one).isEqualTo("jtXJYBu4F9mIPSnFJHQV6FYG");
        assertThat(two).isEqualTo("2GG7bBFK5UU0sXcxKE2Ly57b");
        assertThat(one).as("v0 of the same key and legacy id").isNotEqualTo(Passwords.derive(PasswordScheme.V0, bytes(KEY), "app-one", "alice"));
    }

    @Test
    void aJobWithoutPasswordSchemeGetsV1AndOneThatNamesV0KeepsTodaysPasswords() throws Exception {
        Files.writeString(dir.resolve("users.csv"), "legacy_id,username,password\nL1,alice,\n");

        PasswordSettings unnamed = passwordSettings(parser.parse(job("password: { derive-key-env: MAXIM_TEST_PASSWORD_KEY }"), dir));
        PasswordSettings v0 = passwordSettings(parser.parse(job("password: { derive-key-env: MAXIM_TEST_PASSWORD_KEY, password-scheme: v0 }"), dir));

        assertThat(unnamed.passwordScheme()).isEqualTo(PasswordScheme.V1);
        assertThat(v0.passwordScheme()).isEqualTo(PasswordScheme.V0);
        byte[] key = bytes(System.getenv("MAXIM_TEST_PASSWORD_KEY"));
        assertThat(Passwords.of(v0, "app").of("L1", null)).isEqualTo(Passwords.derive(PasswordScheme.V0, key, null, "L1"));
        assertThat(Passwords.of(unnamed, "app").of("L1", null)).isEqualTo(Passwords.derive(PasswordScheme.V1, key, "app", "L1"));
    }

    @Test
    void aKeyShorterThan32BytesIsAJobFileProblemForV1AndAcceptedForV0() throws Exception {
        Files.writeString(dir.resolve("users.csv"), "legacy_id,username,password\nL1,alice,\n");

        List<String> problems = catchThrowableOfType(JobFileException.class,
                () -> parser.parse(job("password: { derive-key-env: MAXIM_TEST_SHORT_PASSWORD_KEY }"), dir)).problems();

        assertThat(problems).singleElement().asString().endsWith("steps[0].password.derive-key-env: holds a key shorter than 32"
                + " bytes: password-scheme v1 needs at least 32 (make one with `openssl rand -base64 48`)");
        assertThat(problems.get(0)).doesNotContain(System.getenv("MAXIM_TEST_SHORT_PASSWORD_KEY"));
        PasswordSettings v0 = passwordSettings(parser.parse(job("password: { derive-key-env: MAXIM_TEST_SHORT_PASSWORD_KEY,"
                + " password-scheme: v0 }"), dir));
        assertThat(Passwords.of(v0, "app").of("L1", null)).hasSize(Passwords.DERIVED_LENGTH);
    }

    @Test
    void theKeyIsNotNeededWhenOnlyTheJobsNameIs() throws Exception {
        Files.writeString(dir.resolve("users.csv"), "legacy_id,username,password\nL1,alice,\n");
        Path job = job("password: { derive-key-env: MAXIM_KEY_NOBODY_SET }");

        assertThat(parser.parseWithoutEnvironment(job).name()).isEqualTo("derive");
        assertThat(catchThrowableOfType(JobFileException.class, () -> parser.parse(job, dir)).problems()).hasSize(1);
    }

    private Path job(String password) throws Exception {
        return Files.writeString(dir.resolve("job.yml"), """
                name: derive
                steps:
                  - name: users
                    type: register-users
                    source: { csv: %s }
                    %s
                """.formatted(dir.resolve("users.csv"), password));
    }

    private static PasswordSettings passwordSettings(JobFile file) {
        return ((RegisterUsersSettings) file.steps().get(0).settings()).password();
    }

    @Test
    void whenMissingDerivesOnlyWhereTheColumnIsEmptyAndAlwaysDerivesEverywhere() {
        Passwords missing = Passwords.of(new PasswordSettings(null, "MAXIM_TEST_PASSWORD_KEY", PasswordSettings.When.MISSING, null), "app");
        Passwords always = Passwords.of(new PasswordSettings(null, "MAXIM_TEST_PASSWORD_KEY", null, null), "app");
        String derived = Passwords.derive(PasswordScheme.V1, bytes(System.getenv("MAXIM_TEST_PASSWORD_KEY")), "app", "L1");

        assertThat(missing.of("L1", "plain-pw")).isEqualTo("plain-pw");
        assertThat(missing.of("L1", null)).isEqualTo(derived);
        assertThat(missing.derives(null)).isTrue();
        assertThat(always.of("L1", "plain-pw")).isEqualTo(derived);
        assertThat(always.column()).as("no column read").isNull();
        assertThat(Passwords.of(PasswordSettings.COLUMN, "app").of("L1", null)).isNull();
    }

    @Test
    void aKeyVariableThatIsNotSetIsAJobFileProblemSoNothingIsRead() throws Exception {
        Files.writeString(dir.resolve("users.csv"), "legacy_id,username,password\nL1,alice,\n");
        Path job = Files.writeString(dir.resolve("job.yml"), """
                name: derive
                steps:
                  - name: users
                    type: register-users
                    source: { csv: users.csv }
                    password: { derive-key-env: MAXIM_KEY_NOBODY_SET }
                """);

        List<String> problems = catchThrowableOfType(JobFileException.class, () -> parser.parse(job, dir)).problems();

        assertThat(problems).singleElement().asString().contains("steps[0].password.derive-key-env: names an environment variable"
                + " that is not set", "got MAXIM_KEY_NOBODY_SET");
    }

    @Test
    void whenWithoutAKeyIsAProblemAndAColumnAloneIsTheDefault() throws Exception {
        Files.writeString(dir.resolve("users.csv"), "legacy_id,username,password\nL1,alice,pw\n");
        Path job = Files.writeString(dir.resolve("job.yml"), """
                name: derive
                steps:
                  - name: users
                    type: register-users
                    source: { csv: users.csv }
                    password: { when: missing }
                """);

        assertThat(catchThrowableOfType(JobFileException.class, () -> parser.parse(job, dir)).problems()).singleElement().asString()
                .endsWith("steps[0].password.when: is set only with derive-key-env");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
