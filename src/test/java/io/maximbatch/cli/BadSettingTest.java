package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobTestSupport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A setting whose value cannot be used: one line that names the setting, not the parser's bare words. */
class BadSettingTest {

    @TempDir
    Path dir;

    @Test
    void aRateLimitThatIsNoNumberEndsTheCommandWithOneLineNamingTheSetting() throws Exception {
        Path users = dir.resolve("users.csv");
        JobTestSupport.write(users, "legacy_id,username,password\n1,alice,pw-alice-1\n");
        Path job = JobTestSupport.jobFile(dir, "bad-setting", JobTestSupport.usersStep(users, 10, 10, "reject"));
        Map<String, String> settings = Map.of("maxim.rate-limit", "abc", "spring.datasource.url", "jdbc:h2:mem:bad-setting;DB_CLOSE_DELAY=-1",
                "logging.file.name", dir.resolve("logs/maxim-batch.log").toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        settings.forEach(System::setProperty);
        int exit;
        try {
            exit = MaximBatchCommand.execute(new String[] {"run", job.toString(), "--sandbox"}, new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }

        assertThat(exit).as(err.toString()).isNotZero();
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .startsWith("maxim-batch: the setting maxim.rate-limit").contains("has a value it cannot use").contains("\"abc\"");
    }

    @Test
    void aFrequencyCapOfNoSendsEndsTheCommandNamingTheSettingBeforeAnythingIsSent() throws Exception {
        Path users = dir.resolve("users.csv");
        JobTestSupport.write(users, "legacy_id,username,password\n1,alice,pw-alice-1\n");
        Path job = JobTestSupport.jobFile(dir, "bad-cap", JobTestSupport.usersStep(users, 10, 10, "reject"));
        Map<String, String> settings = Map.of("maxim.campaigns.frequency-cap.max", "0", "maxim.campaigns.frequency-cap.per", "24h",
                "spring.datasource.url", "jdbc:h2:mem:bad-cap;DB_CLOSE_DELAY=-1", "logging.file.name", dir.resolve("logs/maxim-batch.log").toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        settings.forEach(System::setProperty);
        int exit;
        try {
            exit = MaximBatchCommand.execute(new String[] {"run", job.toString(), "--sandbox"}, new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }

        assertThat(exit).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains("maxim.campaigns.frequency-cap.max").contains("expected a whole number from 1 to 1000");
        assertThat(out.toString()).doesNotContain("Step users");
    }
}
