package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.maximbatch.JobTestSupport;
import io.maximbatch.JobTestSupport.UsersFile;
import io.maximbatch.TestPostgres;
import io.maximbatch.sandbox.SandboxFaults;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote partitioning as an operator runs it: one PostgreSQL job database, a manager (`run` with
 * MAXIM_WORKERS=remote) and two `worker` JVMs. One worker is killed (SIGKILL) mid-run: its partition alone fails,
 * the manager ends FAILED; `restart` has the surviving worker run that partition again; every user is registered
 * exactly once, and the server never saw more than the job's rate-limit over any 5 seconds.
 */
class RemotePartitionsIT {

    private static final int USERS = 20_000;
    private static final int RATE = 40;
    private static final String TOKEN = "it-remote-token-51d2";
    // 100 ms per call: a chunk waits for its slowest call, so the job runs at about 85 % of its rate, and a worker that
    // took the whole rate instead of its share would show as 1.7 x the rate; the 15 % keep scheduling noise of a busy
    // machine from moving a second's calls into the next window.
    private static final SandboxServer SANDBOX = SandboxServer.start(
            new SandboxOptions(0, "it-app", TOKEN, new SandboxFaults.Settings(100, 0, 0, 0, 0, null, 3)));
    private static final Pattern EXECUTION = Pattern.compile("Job remote-users, execution (\\d+): (\\w+)");

    @TempDir
    Path dir;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void aKilledWorkerFailsOnlyItsPartitionAndRestartRegistersEveryUserExactlyOnceWithinTheRate() throws Exception {
        String url = TestPostgres.newDatabaseUrl("remote_partitions");
        UsersFile users = JobTestSupport.usersCsv(dir, "rp", USERS, false);
        long createdBefore = SANDBOX.state().registrationCallsSucceeded();
        Path job = JobTestSupport.jobFile(dir, "remote-users", JobTestSupport.usersStep(users.file(), 20, 200, "reject")
                + "    partitions: 2\n");
        Files.writeString(job, Files.readString(job).replace("steps:\n", "rate-limit: " + RATE + "\nsteps:\n"));
        Map<String, String> env = environment(url);
        List<Path> workerOutputs = List.of(dir.resolve("worker-1.txt"), dir.resolve("worker-2.txt"));
        List<Process> workers = new ArrayList<>();
        Path managerOutput = dir.resolve("manager.txt");
        try {
            // The first worker migrates the database; the second starts once it is ready.
            for (Path output : workerOutputs) {
                workers.add(JarRunner.start(dir, output, env, "worker"));
                await().atMost(Duration.ofSeconds(60)).until(() -> printed(output).contains("Worker ready") || !workers.get(workers.size() - 1).isAlive());
            }
            Process manager = JarRunner.start(dir, managerOutput, env, "run", job.toString());

            // Both workers run a partition; once a quarter of the users are in, the first worker to have started one dies.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> registered("rp_") >= USERS / 4 || !manager.isAlive());
            assertThat(manager.isAlive()).as(() -> printed(managerOutput) + printed(workerOutputs)).isTrue();
            int victim = printed(workerOutputs.get(0)).contains("Running users:partition") ? 0 : 1;
            String victimPartition = partitionRun(printed(workerOutputs.get(victim)));
            String survivorPartition = partitionRun(printed(workerOutputs.get(1 - victim)));
            assertThat(victimPartition).isNotEqualTo(survivorPartition);

            // A second manager for the same job is refused while the first runs.
            Path second = dir.resolve("second-manager.txt");
            assertThat(whileHeld(() -> JarRunner.run(dir, second, env, "run", job.toString()))).isEqualTo(2);
            assertThat(printed(second)).contains("running in another maxim-batch process");

            workers.get(victim).destroyForcibly().waitFor();
            assertThat(manager.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(manager.exitValue()).as(() -> printed(managerOutput)).isEqualTo(1);
            Matcher failed = EXECUTION.matcher(printed(managerOutput));
            assertThat(failed.find()).as(printed(managerOutput)).isTrue();
            assertThat(failed.group(2)).isEqualTo("FAILED");
            assertThat(printed(managerOutput)).contains("Cause: " + victimPartition + " FAILED: the worker running it stopped");
            long firstExecution = Long.parseLong(failed.group(1));
            assertThat(statuses(url, firstExecution)).containsEntry("users:" + victimPartition, "FAILED")
                    .containsEntry("users:" + survivorPartition, "COMPLETED");
            assertThat(registered("rp_")).isLessThan(USERS);

            Path restartOutput = dir.resolve("restart.txt");
            int restarted = JarRunner.run(dir, restartOutput, env, "restart", String.valueOf(firstExecution));
            assertThat(restarted).as(() -> printed(restartOutput) + printed(workerOutputs)).isZero();
            Matcher completed = EXECUTION.matcher(printed(restartOutput));
            assertThat(completed.find()).isTrue();
            // Then the nicknames, in an attributes step of its own that the failed execution never reached.
            assertThat(statuses(url, Long.parseLong(completed.group(1)))).as("only the failed partition runs again")
                    .containsOnlyKeys("users", "users:" + victimPartition, "users-attributes", "users-attributes:partition0",
                            "users-attributes:partition1").containsValues("COMPLETED");
        } finally {
            for (Process worker : workers) {
                worker.destroyForcibly().waitFor();
            }
        }

        assertThat(SANDBOX.state().usersByName().keySet().stream().filter(name -> name.startsWith("rp_")))
                .containsExactlyInAnyOrderElementsOf(users.valid().values());
        assertThat(SANDBOX.state().registrationCallsSucceeded() - createdBefore).as("users created").isEqualTo(USERS);
        System.out.println("RemotePartitionsIT: busiest 5 s " + busiestFiveSeconds() + " requests, at most " + RATE * 5);
        assertThat(busiestFiveSeconds()).as("requests in the busiest 5 s, at most rate-limit x 5; per second: %s",
                SANDBOX.state().servedPerSecond().values()).isLessThanOrEqualTo(RATE * 5L);
        assertThat(idMapDone(url)).isEqualTo(USERS);
        assertThat(printed(managerOutput) + printed(workerOutputs)).doesNotContain(TOKEN, "secret-pw-");
    }

    @Test
    void aRestartWaitsForWorkersStillRunningThePartitionsOfAManagerThatDied() throws Exception {
        String url = TestPostgres.newDatabaseUrl("remote_manager_dies");
        // 400 calls at 20/s: the partitions run on for about 15 s after the manager dies.
        UsersFile users = JobTestSupport.usersCsv(dir, "md", 8000, false);
        long createdBefore = SANDBOX.state().registrationCallsSucceeded();
        Path job = JobTestSupport.jobFile(dir, "manager-dies", JobTestSupport.usersStep(users.file(), 20, 200, "reject")
                + "    partitions: 2\n");
        Files.writeString(job, Files.readString(job).replace("steps:\n", "rate-limit: 20\nsteps:\n"));
        Map<String, String> env = environment(url);
        List<Path> workerOutputs = List.of(dir.resolve("worker-1.txt"), dir.resolve("worker-2.txt"));
        List<Process> workers = new ArrayList<>();
        try {
            for (Path output : workerOutputs) {
                workers.add(JarRunner.start(dir, output, env, "worker"));
                await().atMost(Duration.ofSeconds(60)).until(() -> printed(output).contains("Worker ready") || !workers.get(workers.size() - 1).isAlive());
            }
            Path managerOutput = dir.resolve("manager.txt");
            Process manager = JarRunner.start(dir, managerOutput, env, "run", job.toString());
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> registered("md_") >= 500 || !manager.isAlive());
            manager.destroyForcibly().waitFor();

            // The partitions go on in the workers: resending them now would run them twice.
            Path refused = dir.resolve("refused.txt");
            assertThat(whileHeld(() -> JarRunner.run(dir, refused, env, "restart", "1"))).as(() -> printed(refused)).isEqualTo(2);
            assertThat(printed(refused)).contains("is still running in a worker process");

            await().atMost(Duration.ofSeconds(120)).until(() -> workerOutputs.stream().allMatch(o -> printed(o).contains("Ended users:")));
            Path restartOutput = dir.resolve("restart.txt");
            assertThat(JarRunner.run(dir, restartOutput, env, "restart", "1")).as(() -> printed(restartOutput)).isZero();
            Matcher completed = Pattern.compile("Job manager-dies, execution (\\d+): COMPLETED").matcher(printed(restartOutput));
            assertThat(completed.find()).as(printed(restartOutput)).isTrue();
            assertThat(statuses(url, Long.parseLong(completed.group(1)))).as("both partitions had completed in the workers")
                    .containsOnlyKeys("users", "users-attributes", "users-attributes:partition0", "users-attributes:partition1");
        } finally {
            for (Process worker : workers) {
                worker.destroyForcibly().waitFor();
            }
        }
        assertThat(registered("md_")).isEqualTo(8000);
        assertThat(SANDBOX.state().registrationCallsSucceeded() - createdBefore).as("users created").isEqualTo(8000);
        assertThat(idMapDone(url)).isEqualTo(8000);
    }

    private static long registered(String prefix) {
        return SANDBOX.state().usersByName().keySet().stream().filter(name -> name.startsWith(prefix)).count();
    }

    /**
     * Runs a check while every answer takes 20 s (under the client's 30 s timeout), so that the partitions cannot end
     * while a new JVM starts on a busy machine; the calls then go on at the usual pace.
     */
    private static <T> T whileHeld(Callable<T> check) throws Exception {
        SandboxFaults.Settings usual = SANDBOX.faults().settings();
        SANDBOX.faults().set(new SandboxFaults.Settings(20_000, usual.rateLimit(), 0, 0, 0, null, usual.seed()));
        try {
            return check.call();
        } finally {
            SANDBOX.faults().set(usual);
        }
    }

    private Map<String, String> environment(String url) {
        return Map.of(
                "MAXIM_API_ENDPOINT", SANDBOX.endpoint().toString(),
                "MAXIM_APP_ID", "it-app",
                "MAXIM_ACCESS_TOKEN", TOKEN,
                "MAXIM_WORKERS", "remote",
                "MAXIM_REJECTS_DIR", dir.resolve("rejects").toString(),
                "SPRING_DATASOURCE_URL", url,
                "SPRING_DATASOURCE_USERNAME", "postgres",
                "SPRING_DATASOURCE_PASSWORD", "");
    }

    /** The partition a worker's output says it ran first, e.g. "partition1". */
    private static String partitionRun(String output) {
        Matcher running = Pattern.compile("Running users:(partition\\d+)").matcher(output);
        assertThat(running.find()).as(output).isTrue();
        return running.group(1);
    }

    private static long busiestFiveSeconds() {
        Map<Long, Long> perSecond = SANDBOX.state().servedPerSecond();
        long busiest = 0;
        for (long start : perSecond.keySet()) {
            long sum = 0;
            for (long s = start; s < start + 5; s++) {
                sum += perSecond.getOrDefault(s, 0L);
            }
            busiest = Math.max(busiest, sum);
        }
        return busiest;
    }

    /** Step name -> status of one job execution's steps. */
    private static Map<String, String> statuses(String url, long execution) throws Exception {
        Map<String, String> statuses = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             ResultSet rs = connection.createStatement().executeQuery(
                     "SELECT STEP_NAME, STATUS FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = " + execution)) {
            while (rs.next()) {
                statuses.put(rs.getString(1), rs.getString(2));
            }
        }
        return statuses;
    }

    private static long idMapDone(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             ResultSet rs = connection.createStatement().executeQuery(
                     "SELECT COUNT(DISTINCT user_id) FROM user_map WHERE state = 'DONE'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String printed(Path output) {
        try {
            return Files.exists(output) ? Files.readString(output) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static String printed(List<Path> outputs) {
        StringBuilder text = new StringBuilder();
        outputs.forEach(output -> text.append("\n--- ").append(output.getFileName()).append('\n').append(printed(output)));
        return text.toString();
    }
}
