package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobTestSupport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `validate` warns of a frequency cap on a segment it cannot count per person, and still exits 0: nothing is rejected. */
class ValidateCapWarningTest {

    @TempDir
    Path dir;

    @Test
    void aCapOnATagSegmentIsAWarningNamingTheStepAndTheSegment() {
        Path ids = dir.resolve("ids.csv");
        JobTestSupport.write(ids, "user_id\n11\n12\n");
        Path job = JobTestSupport.jobFile(dir, "capped-news", """
                  - name: news
                    type: push-campaign
                    frequency-cap: { max: 1, per: 24h }
                    segments:
                      - name: vip
                        audience: { alias: [vip-1, vip-2] }
                        message: { body: "x" }
                  - name: more
                    type: push-campaign
                    frequency-cap: { max: 1, per: 24h }
                    audience: { csv: %s }
                    message: { body: "y" }
                """.formatted(ids));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = MaximBatchCommand.execute(new String[] {"validate", job.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().lines().filter(line -> line.contains("warning")).toList()).containsExactly(job + ": warning: step news:"
                + " the frequency cap (1 per 24h) does not apply to segment vip: only an audience of user ids (legacy_id or user_id) names"
                + " persons it can count; an alias audience is sent as it is");
    }
}
