package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobTestSupport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reject report that cannot be written fails the run (exit code 1) with the file and the system's reason, never lost silently. */
class RejectReportNotWrittenTest {

    @TempDir
    Path dir;

    @Test
    void aRejectsFolderBelowARegularFileFailsTheRunWithThePathAndTheReason() throws Exception {
        JobTestSupport.UsersFile users = JobTestSupport.usersCsv(dir, "lost", 20, true);
        Path job = JobTestSupport.jobFile(dir, "lost-report", JobTestSupport.usersStep(users.file(), 10, 10, "reject"));
        Path plainFile = Files.writeString(dir.resolve("not-a-folder"), "x");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        System.setProperty("maxim.rejects-dir", plainFile.resolve("rejects").toString());
        System.setProperty("maxim.rate-limit", "2000");
        int exit;
        try {
            exit = MaximBatchCommand.execute(new String[] {"run", job.toString(), "--sandbox"}, new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            System.clearProperty("maxim.rejects-dir");
            System.clearProperty("maxim.rate-limit");
        }

        assertThat(users.invalidLines()).hasSize(2);
        assertThat(exit).as(out + "\n" + err).isEqualTo(MaximBatchCommand.FAILED);
        assertThat(out.toString()).contains("Step users: FAILED", ": FAILED",
                "Cause: cannot write the reject report " + plainFile.resolve("rejects").resolve("lost-report-")
                        + "", "-users.csv: " + plainFile + " is a file, not a folder");
        assertThat(out + err.toString()).doesNotContain("Exception").doesNotContain("at io.");
    }
}
