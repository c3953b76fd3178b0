package io.maximbatch.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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

    @Test
    void aDerivedPasswordIsTheStartOfTheUnpaddedBase64UrlOfHmacSha256OfTheLegacyId() {
        // Computed independently: base64.urlsafe_b64encode(hmac.new(key, legacy_id, sha256).digest()).rstrip('=')[:24]
        assertThat(Passwords.derive(bytes("s3cret-key"), "alice")).isEqualTo("Xh-9zgxiSQhWiEw8RWtbzY8c");
        assertThat(Passwords.derive(bytes("s3cret-key"), "john.doe")).isEqualTo("zu2zPSmkyYlom_-htSgocHQq");
        assertThat(Passwords.derive(bytes("ключ"), "用户1")).isEqualTo("ZMtb8q0B1n9zzTi_T_rVvYHD");
    }

    @Test
    void whenMissingDerivesOnlyWhereTheColumnIsEmptyAndAlwaysDerivesEverywhere() {
        Passwords missing = Passwords.of(new PasswordSettings(null, "MAXIM_TEST_PASSWORD_KEY", PasswordSettings.When.MISSING));
        Passwords always = Passwords.of(new PasswordSettings(null, "MAXIM_TEST_PASSWORD_KEY", null));
        String derived = Passwords.derive(bytes("test-only-derivation-key"), "L1");

        assertThat(missing.of("L1", "plain-pw")).isEqualTo("plain-pw");
        assertThat(missing.of("L1", null)).isEqualTo(derived);
        assertThat(missing.derives(null)).isTrue();
        assertThat(always.of("L1", "plain-pw")).isEqualTo(derived);
        assertThat(always.column()).as("no column read").isNull();
        assertThat(Passwords.of(PasswordSettings.COLUMN).of("L1", null)).isNull();
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
