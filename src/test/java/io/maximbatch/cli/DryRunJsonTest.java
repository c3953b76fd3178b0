package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** `run --sandbox --dry-run --json`: standard output is one JSON document, the plan; the words go to standard error. */
class DryRunJsonTest {

    @TempDir
    Path dir;

    @Test
    void thePlanIsOneJsonDocumentOnStandardOutput() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        System.setProperty("maxim.rejects-dir", dir.toString());
        System.setProperty("maxim.rate-limit", "2000");
        int exit;
        try {
            exit = MaximBatchCommand.execute(new String[] {"run", "jobs/legacy-migration.yml", "--sandbox", "--dry-run", "--json"},
                    new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            System.clearProperty("maxim.rejects-dir");
            System.clearProperty("maxim.rate-limit");
        }

        assertThat(exit).as(err.toString()).isZero();
        JsonNode plan = JsonMapper.builder().build().readTree(out.toString());
        assertThat(plan.get("status").asString()).isEqualTo("COMPLETED");
        JsonNode users = plan.get("steps").get(0);
        assertThat(users.get("name").asString()).isEqualTo("users");
        assertThat(users.get("written").asLong()).isEqualTo(284);
        assertThat(users.get("rejected").asLong()).isEqualTo(14);
        assertThat(users.get("items").get("POST /user/register/batch").asLong()).isEqualTo(284);
        long calls = 0;
        for (JsonNode step : plan.get("steps")) {
            for (JsonNode n : step.get("calls")) {
                calls += n.asLong();
            }
        }
        assertThat(plan.get("total").get("calls").get("POST /group/create").asLong()).isEqualTo(10);
        long total = 0;
        for (JsonNode n : plan.get("total").get("calls")) {
            total += n.asLong();
        }
        assertThat(total).as("the total is the steps' sum").isEqualTo(calls);
        assertThat(err.toString()).contains("nothing reaches MaxIM", "Step users (register-users): read 298, written 284",
                "Nothing was sent.");
        assertThat(Files.exists(dir.resolve("legacy-migration-dry-run-users.csv"))).isTrue();
    }
}
