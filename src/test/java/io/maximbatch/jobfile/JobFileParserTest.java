package io.maximbatch.jobfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.maximbatch.source.SourceSpec;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.Range;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobFileParserTest {

    /** Binds the keys the real register-users step binds, the same way; builds nothing. */
    static final class FakeRegisterUsers implements StepKind<FakeRegisterUsers.Settings> {
        record Settings(@NotNull(message = SourceKeys.MISSING) @Valid @Readable(required = {"legacy_id", "username", "password"})
                        SourceKeys source, OnExisting onExisting,
                        @Range(min = 1, max = 100, message = "expected a whole number from {min} to {max}") Integer batchSize) {
        }

        enum OnExisting { REJECT, ADOPT }

        @Override
        public String type() {
            return "register-users";
        }

        @Override
        public Class<Settings> settingsClass() {
            return Settings.class;
        }
    }

    @TempDir
    Path dir;

    private final FakeRegisterUsers users = new FakeRegisterUsers();
    private final JobFileParser parser = new JobFileParser(List.of(users));

    @BeforeEach
    void sampleData() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/users.csv"), "id,login,password\n1,alice,pw\n");
    }

    private Path jobFile(String yaml) throws IOException {
        Path file = dir.resolve("job.yml");
        Files.writeString(file, yaml);
        return file;
    }

    private List<String> problemsOf(Path file) {
        return catchThrowableOfType(JobFileException.class, () -> parser.parse(file, dir)).problems();
    }

    private static String usersStep(String extra) {
        return """
                name: legacy-migration
                steps:
                  - name: users
                    type: register-users
                    source:
                      csv: data/users.csv
                      columns: { legacy_id: id, username: login }
                """ + extra;
    }

    @Test
    void parsesAValidFile() throws IOException {
        Path file = jobFile("""
                name: legacy-migration
                description: Move the legacy chat users into MaxIM
                schedule: "0 0 9 * * MON"
                rate-limit: 100
                parameters: [county, campaign_date]
                steps:
                  - name: users
                    type: register-users
                    source:
                      csv: data/users.csv
                      columns: { legacy_id: id, username: login }
                    on-existing: adopt
                    batch-size: 50
                    chunk-size: 20
                """);

        JobFile job = parser.parse(file, dir);

        assertThat(job.name()).isEqualTo("legacy-migration");
        assertThat(job.description()).isEqualTo("Move the legacy chat users into MaxIM");
        assertThat(job.schedule()).isEqualTo("0 0 9 * * MON");
        assertThat(job.rateLimit()).isEqualTo(100.0);
        assertThat(job.parameters()).containsExactly("county", "campaign_date");
        assertThat(job.steps()).singleElement().satisfies(step -> {
            assertThat(step.name()).isEqualTo("users");
            assertThat(step.type()).isEqualTo("register-users");
        });
        FakeRegisterUsers.Settings settings = (FakeRegisterUsers.Settings) job.steps().get(0).settings();
        assertThat(settings.onExisting()).isEqualTo(FakeRegisterUsers.OnExisting.ADOPT);
        assertThat(settings.batchSize()).isEqualTo(50);
        assertThat(settings.source().spec()).isEqualTo(new SourceSpec.Csv(dir.resolve("data/users.csv"),
                Map.of("legacy_id", "id", "username", "login")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.01", "1e-300", "100001", "fast"})
    void aRateLimitOutsideTheUsableRangeIsRefused(String rate) throws IOException {
        assertThat(problemsOf(jobFile("rate-limit: " + rate + "\n" + usersStep("")))).singleElement().satisfies(p ->
                assertThat(p).contains("rate-limit: expected a number of requests per second from 0.1 to 100000"));
    }

    @Test
    void theParametersAJobAcceptsAreAListOfNames() throws IOException {
        assertThat(parser.parse(jobFile(usersStep("")), dir).parameters()).as("not declared: any").isNull();
        for (String wrong : List.of("county", "[county, 2nd]", "[{a: b}]")) {
            assertThat(problemsOf(jobFile("parameters: " + wrong + "\n" + usersStep("")))).as(wrong)
                    .singleElement().satisfies(p -> assertThat(p).contains("parameters: expected a list of parameter names"));
        }
    }

    @Test
    void aParameterMayHaveADefaultThatARunGivingItOverrides() throws IOException {
        JobFile job = parser.parse(jobFile("parameters: [xmpp-domain, shared-friends-max-members=100]\n" + usersStep("")), dir);

        assertThat(job.parameters()).containsExactly("xmpp-domain", "shared-friends-max-members");
        assertThat(job.withDefaults(Map.of("xmpp-domain", "example.org")))
                .isEqualTo(Map.of("xmpp-domain", "example.org", "shared-friends-max-members", "100"));
        assertThat(job.withDefaults(Map.of("shared-friends-max-members", "3"))).isEqualTo(Map.of("shared-friends-max-members", "3"));
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> job.withDefaults(Map.of("cap", "3"))))
                .hasMessageContaining("does not accept parameter(s) cap");
    }

    @Test
    void listsEveryProblemEachWithFileAndKey() throws IOException {
        Path file = jobFile("""
                name: legacy-migration
                colour: blue
                steps:
                  - name: users
                    type: register-users
                    source: { csv: data/nowhere.csv }
                    on-existing: skip
                """);

        List<String> problems = problemsOf(file);

        assertThat(problems).hasSize(3);
        assertThat(problems).allSatisfy(p -> assertThat(p).startsWith(file + ": "));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(file + ": colour: ").contains("unknown key"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(file + ": steps[0].on-existing: ")
                .contains("reject").contains("adopt").contains("skip"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(file + ": steps[0].source.csv: ")
                .contains("not found").contains("data/nowhere.csv"));
    }

    @Test
    void csvWithoutARequiredColumnNamesTheColumn() throws IOException {
        Files.writeString(dir.resolve("data/users.csv"), "id,login\n1,alice\n");
        Path file = jobFile(usersStep(""));

        assertThat(problemsOf(file)).singleElement().satisfies(p ->
                assertThat(p).startsWith(file + ": steps[0].source.csv: ").contains("missing column").contains("password"));
    }

    @Test
    void badCronSchedule() throws IOException {
        Path file = jobFile("schedule: \"0 0 25 * * *\"\n" + usersStep(""));

        assertThat(problemsOf(file)).singleElement().satisfies(p ->
                assertThat(p).startsWith(file + ": schedule: ").contains("cron"));
    }

    @Test
    void jobNameWithCapitals() throws IOException {
        Path file = jobFile(usersStep("").replace("name: legacy-migration", "name: Legacy-Migration"));

        assertThat(problemsOf(file)).singleElement().satisfies(p ->
                assertThat(p).startsWith(file + ": name: ").contains("lower-case").contains("Legacy-Migration"));
    }

    @Test
    void unknownStepTypeListsTheAvailableOnes() throws IOException {
        Path file = jobFile(usersStep("").replace("type: register-users", "type: register-user"));

        assertThat(problemsOf(file)).singleElement().satisfies(p ->
                assertThat(p).startsWith(file + ": steps[0].type: ").contains("register-user\"").contains("register-users"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "abc", "2.5", "101"})
    void batchSizeMustBeAWholeNumberInRange(String value) throws IOException {
        Path file = jobFile(usersStep("    batch-size: " + value + "\n"));

        assertThat(problemsOf(file)).singleElement().satisfies(p ->
                assertThat(p).startsWith(file + ": steps[0].batch-size: ").contains("expected a whole number"));
    }

    @Test
    void passwordInAJdbcSourceIsRefusedWithoutRepeatingIt() throws IOException {
        Path file = jobFile("""
                name: legacy-migration
                steps:
                  - name: users
                    type: register-users
                    source:
                      jdbc:
                        url: jdbc:h2:mem:legacy
                        username: sa
                        password: hunter2-secret
                        query: select * from users
                        sort-key: legacy_id
                """);

        assertThat(problemsOf(file)).singleElement().satisfies(p ->
                assertThat(p).startsWith(file + ": steps[0].source.jdbc.password: ").contains("password-env")
                        .doesNotContain("hunter2-secret"));
    }

    @Test
    void jdbcSourceWithPasswordEnvIsAccepted() throws IOException {
        Path file = jobFile("""
                name: legacy-migration
                steps:
                  - name: users
                    type: register-users
                    source:
                      jdbc: { url: "jdbc:h2:mem:legacy", username: sa, password-env: LEGACY_DB_PASSWORD, query: "select * from users", sort-key: legacy_id }
                """);

        JobFile job = parser.parse(file, dir);

        FakeRegisterUsers.Settings settings = (FakeRegisterUsers.Settings) job.steps().get(0).settings();
        assertThat(settings.source().spec()).isInstanceOfSatisfying(SourceSpec.Jdbc.class,
                jdbc -> assertThat(jdbc.passwordEnv()).isEqualTo("LEGACY_DB_PASSWORD"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:h2:tcp://legacy-host/chat", "jdbc:h2:./legacy", "jdbc:h2:mem:legacy;INIT=RUNSCRIPT FROM 'http://x/a.sql'",
            "JDBC:H2:file:/tmp/legacy;MODE=MySQL; init = CREATE ALIAS X"})
    void anH2SourceThatCouldRunScriptsIsRefused(String url) throws IOException {
        Path file = jobFile(usersStep("").replace("columns: { legacy_id: id, username: login }", "jdbc: { url: \"" + url
                + "\", username: sa, query: \"select * from users\", sort-key: legacy_id }").replace("csv: data/users.csv\n", ""));

        assertThat(problemsOf(file)).singleElement().satisfies(p ->
                assertThat(p).startsWith(file + ": steps[0].source.jdbc.url: ").contains("an H2 source must be jdbc:h2:file:<path> (or jdbc:h2:mem:<name>) without settings"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAXIM_ACCESS_TOKEN", "SPRING_DATASOURCE_PASSWORD", "maxim_admin_token"})
    void aPasswordEnvNamingOurOwnSettingsIsRefused(String variable) throws IOException {
        Path file = jobFile(usersStep("").replace("columns: { legacy_id: id, username: login }", "sql: { url: \"jdbc:postgresql://db/chat\","
                + " username: sa, password-env: " + variable + ", query: \"select * from users\", sort-key: legacy_id }")
                .replace("csv: data/users.csv\n", ""));

        assertThat(problemsOf(file)).singleElement().satisfies(p -> assertThat(p).startsWith(file + ": steps[0].source.sql.password-env: ")
                .contains("MAXIM_*, SPRING_*"));
    }

    @Test
    void yamlSyntaxErrorSaysWhichLine() throws IOException {
        Path file = jobFile("""
                name: legacy-migration
                steps:
                  - name: users
                    type: [register-users
                  - name: more
                """);

        assertThat(problemsOf(file)).singleElement().satisfies(p ->
                assertThat(p).startsWith(file + ": not valid YAML").containsPattern("\\(line [45]\\)"));
    }

    @Test
    void missingJobFile() {
        Path file = dir.resolve("nope.yml");

        assertThat(problemsOf(file)).containsExactly(file + ": job file not found");
    }
}
