package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.maximbatch.JobTestSupport;
import io.maximbatch.JobTestSupport.UsersFile;
import io.maximbatch.TestPostgres;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two `serve` processes on one PostgreSQL job database, with a job due every three seconds: both fire at each
 * slot, and each slot still runs once (one job instance, one completed execution), the other process saying so.
 */
class TwoServesIT {

    private static final String JOB = "every-three-seconds";

    @TempDir
    Path dir;

    record Slot(String runKey, int instances, int completed, int failed, int stopped, int running) {
    }

    @Test
    void eachSlotRunsOnceWhenTwoServesShareTheJobDatabase() throws Exception {
        String url = TestPostgres.newDatabaseUrl("two_serves");
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        UsersFile users = JobTestSupport.usersCsv(dir, "tick", 4, false);
        Path job = JobTestSupport.jobFile(jobs, JOB, JobTestSupport.usersStep(users.file(), 1, 10, "reject"));
        Files.writeString(job, Files.readString(job).replace("name: " + JOB + "\n", "name: " + JOB + "\nschedule: \"*/3 * * * * *\"\n"));
        List<Process> processes = new ArrayList<>();
        List<Path> outputs = List.of(dir.resolve("serve-1.txt"), dir.resolve("serve-2.txt"));
        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults())) {
            Map<String, String> env = Map.of(
                    "MAXIM_API_ENDPOINT", sandbox.endpoint().toString(),
                    "MAXIM_APP_ID", SandboxOptions.defaults().appId(),
                    "MAXIM_ACCESS_TOKEN", SandboxOptions.defaults().accessToken(),
                    "MAXIM_JOBS_DIR", jobs.toString(),
                    "MAXIM_REJECTS_DIR", dir.resolve("rejects").toString(),
                    "SPRING_DATASOURCE_URL", url,
                    "SPRING_DATASOURCE_USERNAME", "postgres",
                    "SPRING_DATASOURCE_PASSWORD", "");
            try {
                for (Path output : outputs) {
                    processes.add(JarRunner.start(dir, output, env, "serve", "--port", "0"));
                }
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> outputs.stream().allMatch(TwoServesIT::serving) || processes.stream().anyMatch(p -> !p.isAlive()));
                assertThat(processes).as(() -> printed(outputs)).allMatch(Process::isAlive);
                // Three more slots once both serve, so that both processes fire at the same slots.
                long target = Math.max(4, completedSlots(url) + 3);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .until(() -> completedSlots(url) >= target || processes.stream().anyMatch(p -> !p.isAlive()));
                assertThat(processes).as(() -> printed(outputs)).allMatch(Process::isAlive);
            } finally {
                processes.forEach(Process::destroy);
                for (Process process : processes) {
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor();
                    }
                }
            }
            assertThat(sandbox.state().usersByName().keySet()).containsExactlyInAnyOrderElementsOf(users.valid().values());
            assertThat(sandbox.state().registrationCallsSucceeded()).isEqualTo(users.valid().size());
        }

        String printed = printed(outputs);
        List<Slot> slots = slots(url);
        assertThat(slots.stream().filter(s -> s.completed() == 1)).as(printed).hasSizeGreaterThanOrEqualTo(4);
        assertThat(slots).as(printed).allSatisfy(slot -> {
            assertThat(slot.instances()).as(slot.runKey()).isEqualTo(1);
            assertThat(slot.failed()).as(slot.runKey()).isZero();
            assertThat(slot.running()).as("%s left running after SIGTERM", slot.runKey()).isZero();
            assertThat(slot.completed() + slot.stopped()).as(slot.runKey()).isEqualTo(1);
        });
        assertThat(slots.stream().filter(s -> s.stopped() > 0)).as("only a slot running at SIGTERM is stopped").hasSizeLessThanOrEqualTo(1);
        for (Path output : outputs) {
            assertThat(Files.readString(output)).contains("Scheduled " + JOB, "Admin token written to ", "Admin API on port ");
        }
        assertThat(printed).containsPattern(JOB + " slot \\S+Z: already (complete|running in another process)");
        assertThat(printed).doesNotContain("could not be run", "secret-pw-");
    }

    private static boolean serving(Path output) {
        try {
            return Files.readString(output).contains("Serving scheduled jobs");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static long completedSlots(String url) throws Exception {
        return slots(url).stream().filter(s -> s.completed() > 0).count();
    }

    /** Per run-key: job instances and their executions by status. */
    private static List<Slot> slots(String url) throws Exception {
        List<Slot> slots = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             ResultSet rs = connection.createStatement().executeQuery("""
                     SELECT p.PARAMETER_VALUE AS run_key,
                            COUNT(DISTINCT i.JOB_INSTANCE_ID) AS instances,
                            COUNT(*) FILTER (WHERE e.STATUS = 'COMPLETED') AS completed,
                            COUNT(*) FILTER (WHERE e.STATUS = 'FAILED') AS failed,
                            COUNT(*) FILTER (WHERE e.STATUS = 'STOPPED') AS stopped,
                            COUNT(*) FILTER (WHERE e.STATUS IN ('STARTING', 'STARTED', 'STOPPING', 'UNKNOWN')) AS running
                     FROM BATCH_JOB_INSTANCE i
                     JOIN BATCH_JOB_EXECUTION e ON e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID
                     JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'run-key'
                     WHERE i.JOB_NAME = '""" + JOB + "' GROUP BY p.PARAMETER_VALUE ORDER BY 1")) {
            while (rs.next()) {
                slots.add(new Slot(rs.getString("run_key"), rs.getInt("instances"), rs.getInt("completed"), rs.getInt("failed"),
                        rs.getInt("stopped"), rs.getInt("running")));
            }
        } catch (java.sql.SQLException e) {
            // The schema appears once the first serve has migrated the database.
            if (e.getMessage().contains("does not exist")) {
                return List.of();
            }
            throw e;
        }
        return slots;
    }

    private static String printed(List<Path> outputs) {
        StringBuilder text = new StringBuilder();
        for (Path output : outputs) {
            try {
                text.append("=== ").append(output.getFileName()).append('\n').append(Files.readString(output, StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                text.append(e).append('\n');
            }
        }
        return text.toString();
    }
}
