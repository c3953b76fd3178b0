package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.maximbatch.JobTestSupport;
import io.maximbatch.JobTestSupport.UsersFile;
import io.maximbatch.sandbox.SandboxFaults;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C on `run` stops the execution cleanly (STOPPED, exit 1, quickly), and the same command resumes it to the end. */
class SignalStopIT {

    private static final String TOKEN = "signal-access-token-5d2e";
    private static final SandboxServer SANDBOX = SandboxServer.start(
            new SandboxOptions(0, "signal-app", TOKEN, new SandboxFaults.Settings(20, 0, 0, 0, 0, null, 7)));

    @TempDir
    Path dir;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void sigintStopsTheRunAndTheSameCommandResumesIt() throws Exception {
        UsersFile users = JobTestSupport.usersCsv(dir, "sig", 1200, false);
        Path job = JobTestSupport.jobFile(dir, "signal-test", JobTestSupport.usersStep(users.file(), 1, 50, "reject"));
        Path output = dir.resolve("output.txt");
        Map<String, String> env = Map.of(
                "MAXIM_API_ENDPOINT", SANDBOX.endpoint().toString(), "MAXIM_APP_ID", "signal-app", "MAXIM_ACCESS_TOKEN", TOKEN,
                "MAXIM_RATE_LIMIT", "300", "MAXIM_MAX_IN_FLIGHT", "8",
                "SPRING_DATASOURCE_URL", "jdbc:h2:file:" + dir.resolve("data/maxim-batch"));

        Process process = JarRunner.start(dir, output, env, "run", job.toString());
        await().atMost(Duration.ofMinutes(2)).until(() -> SANDBOX.state().usersByName().size() >= 200 || !process.isAlive());
        assertThat(process.isAlive()).as("the run must still be going when it is interrupted").isTrue();
        long signalled = System.nanoTime();
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();

        // Generous for a busy machine: without the stop, the run would end by itself within seconds and exit 0.
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ended within 60 s of SIGINT").isTrue();
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(printed).isEqualTo(1);
        assertThat(printed).contains("SIGINT: stopping at the next chunk boundary", "STOPPED", "Resume with");
        assertThat(SANDBOX.state().usersByName().size()).isLessThan(1200);

        int exit = JarRunner.run(dir, output, env, "run", job.toString());

        printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("Resuming execution", "(STOPPED)");
        assertThat(SANDBOX.state().usersByName().keySet()).containsExactlyInAnyOrderElementsOf(users.valid().values());
        assertThat(SANDBOX.state().registrationCallsSucceeded()).as("every user exactly once").isEqualTo(1200);
    }
}
