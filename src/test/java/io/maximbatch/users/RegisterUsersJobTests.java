package io.maximbatch.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobTestSupport;
import io.maximbatch.JobTestSupport.UsersFile;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.execution.DryRunPlan;
import io.maximbatch.execution.DryRuns;
import io.maximbatch.execution.Executions;
import io.maximbatch.report.StepOutcomes;
import io.maximbatch.sandbox.SandboxFaults;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The register-users job run as a user runs it, against the sandbox, on whichever job database the subclass
 * configures. Each test uses its own job name and usernames, so tests share the sandbox and database safely.
 */
abstract class RegisterUsersJobTests {

    static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());

    static void sandboxProperties(DynamicPropertyRegistry registry, Path rejectsDir) {
        JobTestSupport.sandboxProperties(registry, SANDBOX, rejectsDir);
    }

    @TempDir
    Path dir;

    /** Tells apart the users and jobs of the subclasses, which share one sandbox. */
    final String db;

    RegisterUsersJobTests(String db) {
        this.db = db;
    }

    @Autowired
    Executions runs;

    @Autowired
    DryRuns dryRuns;

    @Autowired
    JobFileParser parser;

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void clearFaults() {
        SANDBOX.faults().set(SandboxFaults.Settings.none());
    }

    @Test
    void registersEveryValidUserAndReportsEveryInvalidRowWithItsLine() throws Exception {
        UsersFile users = JobTestSupport.usersCsv(dir, db + "plain", 120, true);
        JobExecution execution = run(job(db + "plain", users, 10, 50));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertRegisteredExactlyOnce(users);
        StepOutcomes outcomes = outcomes(execution);
        assertThat(outcomes.written()).isEqualTo(120);
        assertThat(outcomes.rejected()).isEqualTo(users.invalidLines().size());
        assertThat(outcomes.balanced()).isTrue();
        List<String> report = Files.readAllLines(Path.of(outcomes.rejectFile()));
        assertThat(report.get(0)).startsWith("line,reason_code,reason,legacy_id,username,password");
        assertThat(report.subList(1, report.size()))
                .extracting(l -> Long.parseLong(l.substring(1, l.indexOf('"', 1))))
                .containsExactlyElementsOf(users.invalidLines());
        assertThat(String.join("\n", report)).contains("INVALID_USERNAME").doesNotContain("secret-pw");
    }

    @Test
    void namesTheVendorAcceptsAreRegisteredAndALengthOnlyTheServerRefusesIsOneReject() throws Exception {
        String maximilian = "Maximilian_" + db;
        String mtanga = "Mtanga_" + db;
        String tooLongForTheServer = "long_" + db + "_" + "x".repeat(100);
        Path csv = dir.resolve("vendor-names.csv");
        Files.writeString(csv, "legacy_id,username,password\n" + db + "V1," + maximilian + ",pw-1\n" + db + "V2," + mtanga + ",pw-2\n"
                + db + "V3," + tooLongForTheServer + ",pw-3\n");

        for (int batchSize : new int[] {1, 10}) {
            String job = db + "vendor" + batchSize;
            JobExecution execution = run(JobTestSupport.jobFile(dir, job, JobTestSupport.usersStep(csv, batchSize, 10, "reject")));

            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            StepOutcomes outcomes = outcomes(execution);
            assertThat(outcomes.written() + outcomes.alreadyDone()).as("batch size " + batchSize).isEqualTo(2);
            assertThat(outcomes.rejected()).isEqualTo(1);
            assertThat(Files.readAllLines(Path.of(outcomes.rejectFile())).get(1)).startsWith("\"4\",\"10002\"");
        }
        assertThat(SANDBOX.state().usersByName()).containsKeys(maximilian, mtanga).doesNotContainKey(tooLongForTheServer);
    }

    /** The job database holds execution contexts as JSON: nothing in it is read back with Java deserialization. */
    @Test
    void executionContextsAreStoredAsJson() throws Exception {
        UsersFile users = JobTestSupport.usersCsv(dir, db + "json", 30, true);
        JobExecution execution = run(job(db + "json", users, 10, 10));

        List<String> contexts = jdbc.queryForList("SELECT COALESCE(c.SERIALIZED_CONTEXT, c.SHORT_CONTEXT) FROM BATCH_STEP_EXECUTION_CONTEXT c"
                + " JOIN BATCH_STEP_EXECUTION s ON s.STEP_EXECUTION_ID = c.STEP_EXECUTION_ID WHERE s.JOB_EXECUTION_ID = ?", String.class,
                execution.getId());
        contexts.addAll(jdbc.queryForList("SELECT COALESCE(SERIALIZED_CONTEXT, SHORT_CONTEXT) FROM BATCH_JOB_EXECUTION_CONTEXT"
                + " WHERE JOB_EXECUTION_ID = ?", String.class, execution.getId()));
        assertThat(contexts).hasSizeGreaterThanOrEqualTo(2).allSatisfy(context -> assertThat(context).startsWith("{").doesNotContain("rO0AB"));
        assertThat(String.join("\n", contexts)).contains("\"maxim.written\"");
    }

    @Test
    void aSecondRunFindsEveryUserAlreadyDone() throws Exception {
        UsersFile users = JobTestSupport.usersCsv(dir, db + "again", 40, false);
        Path job = job(db + "again", users, 1, 15);
        assertThat(run(job).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long created = SANDBOX.state().registrationCallsSucceeded();

        JobExecution second = run(job);

        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(outcomes(second).alreadyDone()).isEqualTo(40);
        assertThat(outcomes(second).written()).isZero();
        assertThat(SANDBOX.state().registrationCallsSucceeded()).isEqualTo(created);
        assertRegisteredExactlyOnce(users);
    }

    @Test
    void unreliableServerStillEndsWithEveryUserOnceAndItsOwnId() throws Exception {
        UsersFile single = JobTestSupport.usersCsv(dir, db + "flaky", 300, true);
        UsersFile batched = JobTestSupport.usersCsv(dir, db + "flakyb", 300, true);
        SANDBOX.faults().set(new SandboxFaults.Settings(0, 0, 0.03, 0.02, 0.02, null, 42));

        JobExecution one = run(job(db + "flaky", single, 1, 50));
        JobExecution many = run(job(db + "flakyb", batched, 20, 100));

        assertThat(one.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(many.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertRegisteredExactlyOnce(single);
        assertRegisteredExactlyOnce(batched);
        assertThat(outcomes(one).balanced()).isTrue();
        assertThat(outcomes(many).balanced()).isTrue();
        assertThat(outcomes(one).rejected()).isEqualTo(single.invalidLines().size());
        assertThat(outcomes(many).rejected()).isEqualTo(batched.invalidLines().size());
    }

    @Test
    void aFatalAnswerFailsTheJobAndRunningAgainResumesToExactlyTheExpectedUsers() throws Exception {
        UsersFile users = JobTestSupport.usersCsv(dir, db + "resume", 400, true);
        Path job = job(db + "resume", users, 1, 20);
        SANDBOX.faults().set(new SandboxFaults.Settings(5, 0, 0, 0, 0, null, 1));
        // A fatal code from the 101st registration on: set before the run, so the run cannot finish before it.
        SANDBOX.faults().forceCodeAfter("/user/register/v2", 100, 10008);
        JobExecution failed = run(job);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        Throwable cause = failed.getAllFailureExceptions().get(0);
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertThat(cause.getMessage()).contains("10008").doesNotContain("sandbox-token");
        assertThat(registered(db + "resume_")).isEqualTo(100);

        SANDBOX.faults().set(SandboxFaults.Settings.none());
        JobExecution resumed = run(job);

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumed.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
        assertThat(outcomes(resumed).read()).isLessThan(400 + users.invalidLines().size());
        assertThat(outcomes(resumed).balanced()).isTrue();
        assertRegisteredExactlyOnce(users);
        List<String> report = Files.readAllLines(Path.of(outcomes(resumed).rejectFile()));
        assertThat(report).hasSize(users.invalidLines().size() + 1);
    }

    @Test
    void onExistingDecidesAboutUsernamesMaxImAlreadyHas() throws Exception {
        UsersFile rejecting = JobTestSupport.usersCsv(dir, db + "taken", 5, false);
        UsersFile adopting = JobTestSupport.usersCsv(dir, db + "adopt", 5, false);
        long takenId = preRegister(db + "taken_3");
        long adoptedId = preRegister(db + "adopt_3");

        JobExecution rejected = run(JobTestSupport.jobFile(dir, db + "taken",
                JobTestSupport.usersStep(rejecting.file(), 1, 10, "reject")));
        JobExecution adopted = run(JobTestSupport.jobFile(dir, db + "adopt",
                JobTestSupport.usersStep(adopting.file(), 5, 10, "adopt")));

        assertThat(outcomes(rejected).rejected()).isEqualTo(1);
        assertThat(outcomes(rejected).written()).isEqualTo(4);
        assertThat(Files.readString(Path.of(outcomes(rejected).rejectFile()))).contains("USERNAME_TAKEN", db + "taken_3");
        assertThat(jdbc.queryForList("SELECT legacy_id FROM user_map WHERE username = '" + db + "taken_3'")).isEmpty();
        assertThat(outcomes(adopted).alreadyDone()).isEqualTo(1);
        assertThat(outcomes(adopted).written()).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT user_id FROM user_map WHERE legacy_id = '" + db + "adopt-L3'", Long.class)).isEqualTo(adoptedId);
        assertThat(takenId).isNotEqualTo(adoptedId);
    }

    @Test
    void theIdMapRejectsDuplicatesAndCompletesAPendingRegistrationOfAnEarlierRun() throws Exception {
        String p = db + "idmap";
        long pendingId = preRegister(p + "_pending");
        // A registration of an earlier run whose answer was lost: PENDING in the ID map, the user exists in MaxIM.
        jdbc.update("INSERT INTO user_map (legacy_id, username, user_id, state, origin, job_instance_id, job_execution_id,"
                + " source_line, updated_at) VALUES (?, ?, NULL, 'PENDING', 'CREATED', -1, -1, '9', CURRENT_TIMESTAMP)",
                p + "-P", p + "_pending");
        Path csv = dir.resolve(p + ".csv");
        JobTestSupport.write(csv, "legacy_id,username,password\n"
                + p + "-1," + p + "_one,pw-a\n"                // line 2
                + p + "-P," + p + "_pending,pw-b\n"            // line 3
                + p + "-1," + p + "_other,pw-c\n"              // line 4: same legacy id, same chunk
                + p + "-2," + p + "_one,pw-d\n"                // line 5: same username, same chunk
                + p + "-3," + p + "_three,pw-e\n"              // line 6: next chunk
                + p + "-3," + p + "_three,pw-f\n"              // line 7: the very same row again, next chunk
                + p + "-4," + p + "_one,pw-g\n");              // line 8: username mapped in an earlier chunk

        JobExecution execution = run(JobTestSupport.jobFile(dir, p, JobTestSupport.usersStep(csv, 1, 5, "reject")));

        StepOutcomes outcomes = outcomes(execution);
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(outcomes.written()).isEqualTo(2);
        assertThat(outcomes.alreadyDone()).isEqualTo(1);
        assertThat(outcomes.rejected()).isEqualTo(4);
        assertThat(outcomes.balanced()).isTrue();
        assertThat(jdbc.queryForObject("SELECT user_id FROM user_map WHERE legacy_id = ?", Long.class, p + "-P")).isEqualTo(pendingId);
        List<String> report = Files.readAllLines(Path.of(outcomes.rejectFile()));
        assertThat(report.subList(1, report.size())).satisfiesExactly(
                line -> assertThat(line).startsWith("\"4\",\"DUPLICATE_LEGACY_ID\""),
                line -> assertThat(line).startsWith("\"5\",\"DUPLICATE_USERNAME\""),
                line -> assertThat(line).startsWith("\"7\",\"DUPLICATE_LEGACY_ID\"").contains("first at line 6"),
                line -> assertThat(line).startsWith("\"8\",\"DUPLICATE_USERNAME\""));
        assertThat(registered(p + "_")).isEqualTo(3);
    }

    @Test
    void moreRejectsThanTheSkipLimitFailTheRunWithEveryRejectReported() throws Exception {
        UsersFile users = JobTestSupport.usersCsv(dir, db + "limit", 100, true);
        Path job = JobTestSupport.jobFile(dir, db + "limit",
                JobTestSupport.usersStep(users.file(), 1, 20, "reject") + "    skip-limit: 3\n");

        JobExecution failed = run(job);

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        StepOutcomes outcomes = outcomes(failed);
        assertThat(outcomes.rejected()).isGreaterThan(3).isLessThan(users.invalidLines().size());
        assertThat(outcomes.balanced()).isTrue();
        assertThat(Files.readAllLines(Path.of(outcomes.rejectFile()))).hasSize((int) outcomes.rejected() + 1);
        assertThat(failed.getAllFailureExceptions()).extracting(Throwable::getMessage)
                .anySatisfy(m -> assertThat(m).contains("skip-limit of 3"));
        assertThat(run(job).getStatus()).as("resuming without raising the limit fails again").isEqualTo(BatchStatus.FAILED);
    }

    @Test
    void aPasswordTheSourceLacksIsDerivedFromTheLegacyIdAndTheUserCanLogInWithIt() throws Exception {
        String p = db + "derive";
        StringBuilder csv = new StringBuilder("legacy_id,username,password\n");
        for (int i = 1; i <= 30; i++) {
            // Every third user has no password in the source (a hashed one the legacy system cannot give back).
            csv.append(p).append("-L").append(i).append(',').append(p).append('_').append(i).append(',')
                    .append(i % 3 == 0 ? "" : "plain-" + i).append('\n');
        }
        Path file = dir.resolve(p + ".csv");
        JobTestSupport.write(file, csv.toString());
        Path job = JobTestSupport.jobFile(dir, p, JobTestSupport.usersStep(file, 10, 10, "reject")
                + "    password: { derive-key-env: MAXIM_TEST_PASSWORD_KEY, when: missing }\n");

        assertThat(dryRuns.plan(job, Map.of(), false, n -> { }).step("users").written()).isEqualTo(30);
        JobExecution execution = run(job);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(outcomes(execution).written()).isEqualTo(30);
        byte[] key = "test-only-derivation-key-of-at-least-32-bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 1; i <= 30; i++) {
            String password = i % 3 == 0 ? Passwords.derive(PasswordScheme.V1, key, "sandbox", p + "-L" + i) : "plain-" + i;
            assertThat(logIn(p + "_" + i, password)).as("%s_%d logs in with its %s password", p, i, i % 3 == 0 ? "derived" : "plain")
                    .contains("\"code\":200");
        }
        assertThat(logIn(p + "_3", "plain-3")).as("a wrong password").doesNotContain("\"code\":200");
    }

    @Test
    void aResumedRunKeepsThePasswordSchemeItBeganWith() throws Exception {
        String p = db + "scheme";
        UsersFile users = JobTestSupport.usersCsv(dir, p, 100, true);
        String step = JobTestSupport.usersStep(users.file(), 1, 20, "reject") + "    password: { derive-key-env: MAXIM_TEST_PASSWORD_KEY }\n";
        Path job = JobTestSupport.jobFile(dir, p, step + "    skip-limit: 3\n");
        assertThat(run(job).getStatus()).as("stopped by its skip-limit, some users registered").isEqualTo(BatchStatus.FAILED);
        long registered = registered(p + "_");
        assertThat(registered).isPositive();

        JobTestSupport.jobFile(dir, p, step.replace("MAXIM_TEST_PASSWORD_KEY }", "MAXIM_TEST_PASSWORD_KEY, password-scheme: v0 }"));
        JobExecution refused = run(job);

        assertThat(refused.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(refused.getAllFailureExceptions()).extracting(Throwable::getMessage).anySatisfy(m -> assertThat(m)
                .contains("this run began deriving passwords with password-scheme v1 and the job file now says v0"));
        assertThat(registered(p + "_")).as("nothing read, nothing sent").isEqualTo(registered);

        JobTestSupport.jobFile(dir, p, step);
        assertThat(run(job).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertRegisteredExactlyOnce(users);
    }

    @Test
    void namesMaxImWouldRefuseAreRewrittenByTheContractAndKeptOnTheNextRun() throws Exception {
        String p = db + "rw";
        String digits = (db.startsWith("h") ? "1" : "2").repeat(64);
        // Someone else's MaxIM user holds a name a rewrite would give: it is taken.
        registerDirectly(p + "Taken_one");
        String[][] rows = {
                {"L1", p + ".john.doe", p + "_john_doe_2"}, // its rewrite is taken by an unchanged name further down
                {"L2", p + "_john_doe", p + "_john_doe"},
                {"L3", p + ".x-y", p + "_x_y"},
                {"L4", p + ".x.y", p + "_x_y_2"},
                {"L5", digits, "u_" + digits.substring(0, 62)},
                {"L6", "maxim." + p + "bot", "u_maxim_" + p + "bot"},
                {"L7", p + "张三.李", p + "张三_李"},
                {"L8", p + "Taken.one", p + "Taken_one_2"},
                {"L9", p + "_ok", p + "_ok"}};
        StringBuilder csv = new StringBuilder("legacy_id,username,password\n");
        for (String[] row : rows) {
            csv.append(p).append('-').append(row[0]).append(',').append(row[1]).append(",pw-").append(row[0]).append('\n');
        }
        Path file = dir.resolve(p + ".csv");
        JobTestSupport.write(file, csv.toString());
        Path job = JobTestSupport.jobFile(dir, p, JobTestSupport.usersStep(file, 10, 10, "reject") + "    usernames: rewrite\n");

        DryRunPlan.Step planned = dryRuns.plan(job, Map.of(), false, n -> { }).step("users");
        assertThat(List.of(planned.written(), planned.rejected())).containsExactly(9L, 0L);
        JobExecution execution = run(job);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(outcomes(execution).written()).isEqualTo(9);
        Map<String, Long> ids = SANDBOX.state().usersByName();
        for (String[] row : rows) {
            assertThat(ids).as(row[1]).containsKey(row[2]);
            assertThat(jdbc.queryForObject("SELECT COALESCE(legacy_username, username) FROM user_map WHERE legacy_id = ?", String.class,
                    p + "-" + row[0])).isEqualTo(row[1]);
        }
        assertThat(logIn(p + "_x_y_2", "pw-L4")).contains("\"code\":200");
        // The rewrite report: legacy -> new name of each rewritten user.
        String summary = StepOutcomes.of(execution.getStepExecutions().stream().filter(s -> s.getStepName().equals("users-usernames"))
                .findFirst().orElseThrow()).summary();
        assertThat(summary).startsWith("7 usernames MaxIM would refuse rewritten");
        List<String> report = Files.readAllLines(Path.of(summary.substring(summary.indexOf(" in ") + 4)));
        assertThat(report.get(0)).isEqualTo("legacy_id,legacy_username,username");
        assertThat(report.subList(1, report.size())).hasSize(7).contains(p + "-L1," + p + ".john.doe," + p + "_john_doe_2",
                p + "-L8," + p + "Taken.one," + p + "Taken_one_2");

        JobExecution again = runs.run(parser.parse(job), Map.of(), true, n -> { });
        assertThat(outcomes(again).alreadyDone()).as("the same names on a new run").isEqualTo(9);
        assertThat(SANDBOX.state().usersByName().keySet().stream().filter(name -> name.contains(p))).as("8 of ours and Taken_one").hasSize(9);
    }

    private static void registerDirectly(String username) throws Exception {
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(SANDBOX.endpoint().resolve("/user/register/v2"))
                .header("app_id", "sandbox").header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers
                        .ofString("{\"username\": \"" + username + "\", \"password\": \"pw\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
    }

    /** POST /token/user as the app's login would: the answer's text. */
    private static String logIn(String username, String password) throws Exception {
        String body = "{\"name\": \"" + username + "\", \"password\": \"" + password + "\"}";
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(SANDBOX.endpoint().resolve("/token/user"))
                .header("app_id", "sandbox").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    JobExecution run(Path jobFile) throws Exception {
        JobFile file = parser.parse(jobFile);
        return runs.run(file, Map.of(), false, notice -> { });
    }

    Path job(String name, UsersFile users, int batchSize, int chunkSize) {
        return JobTestSupport.jobFile(dir, name, JobTestSupport.usersStep(users.file(), batchSize, chunkSize, "reject"));
    }

    /** The users step's outcomes (after a usernames step, when the job has one). */
    static StepOutcomes outcomes(JobExecution execution) {
        return StepOutcomes.of(execution.getStepExecutions().stream().filter(step -> step.getStepName().equals("users")).findFirst()
                .orElseThrow());
    }

    static long registered(String prefix) {
        return SANDBOX.state().usersByName().keySet().stream().filter(n -> n.startsWith(prefix)).count();
    }

    private static long preRegister(String username) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(SANDBOX.endpoint().resolve("/user/register/v2"))
                .header("app_id", "sandbox").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"x1\"}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).contains("\"code\":200");
        return SANDBOX.state().usersByName().get(username);
    }

    /** The sandbox holds exactly the valid users of the file, and the ID map gives each legacy id its own user id. */
    void assertRegisteredExactlyOnce(UsersFile users) {
        String prefix = users.valid().values().iterator().next().replaceAll("_\\d+$", "_");
        Map<String, Long> server = new HashMap<>();
        SANDBOX.state().usersByName().forEach((name, id) -> {
            if (name.startsWith(prefix) && name.substring(prefix.length()).matches("\\d+")) {
                server.put(name, id);
            }
        });
        assertThat(server.keySet()).containsExactlyInAnyOrderElementsOf(users.valid().values());
        Map<String, Long> mapped = new HashMap<>();
        jdbc.query("SELECT legacy_id, user_id, state FROM user_map WHERE legacy_id LIKE ?", rs -> {
            assertThat(rs.getString("state")).isEqualTo("DONE");
            mapped.put(rs.getString("legacy_id"), rs.getLong("user_id"));
        }, prefix.replace("_", "-L") + "%");
        assertThat(mapped.keySet()).containsExactlyInAnyOrderElementsOf(users.valid().keySet());
        users.valid().forEach((legacyId, username) -> assertThat(mapped.get(legacyId)).isEqualTo(server.get(username)));
        assertThat(new HashSet<>(mapped.values())).hasSize(mapped.size());
    }
}
