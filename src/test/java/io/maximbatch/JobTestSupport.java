package io.maximbatch;

import io.maximbatch.maxim.WriteRecorder;
import io.maximbatch.sandbox.SandboxServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Inputs for job tests: users CSV files with known valid and invalid rows, and job files that read them. */
public final class JobTestSupport {

    private JobTestSupport() {
    }

    /** A users CSV: the valid users (legacy id -> username) and the line numbers of the rows that must be rejected. */
    public record UsersFile(Path file, Map<String, String> valid, List<Long> invalidLines) {
    }

    /** n valid users named prefix_1..n (legacy ids prefix-L1..), with an invalid row after every tenth. */
    public static UsersFile usersCsv(Path dir, String prefix, int n, boolean withInvalid) {
        Map<String, String> valid = new LinkedHashMap<>();
        List<Long> invalid = new ArrayList<>();
        StringBuilder csv = new StringBuilder("legacy_id,username,password,nickname\n");
        long line = 1;
        for (int i = 1; i <= n; i++) {
            String legacyId = prefix + "-L" + i;
            String username = prefix + "_" + i;
            csv.append(legacyId).append(',').append(username).append(",secret-pw-").append(i).append(",Nick ").append(i).append('\n');
            line++;
            valid.put(legacyId, username);
            if (withInvalid && i % 10 == 0) {
                csv.append(prefix).append("-bad").append(i).append(",bad name ").append(i).append(",pw,x\n");
                line++;
                invalid.add(line);
            }
        }
        Path file = dir.resolve(prefix + "-users.csv");
        write(file, csv.toString());
        return new UsersFile(file, valid, invalid);
    }

    public static Path jobFile(Path dir, String jobName, String stepYaml) {
        Path file = dir.resolve(jobName + ".yml");
        write(file, "name: " + jobName + "\nsteps:\n" + stepYaml);
        return file;
    }

    public static String usersStep(Path csv, int batchSize, int chunkSize, String onExisting) {
        return "  - name: users\n    type: register-users\n    source:\n      csv: " + csv.toAbsolutePath()
                + "\n    batch-size: " + batchSize + "\n    chunk-size: " + chunkSize + "\n    on-existing: " + onExisting + "\n";
    }

    /** Puts a job test's job database on the shared test PostgreSQL server, in the database at this URL. */
    public static void postgresJobDatabase(DynamicPropertyRegistry registry, String url) {
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    /** Points a job test's context at a sandbox: its address and credentials, a high rate, quick retries, report folders. */
    public static void sandboxProperties(DynamicPropertyRegistry registry, SandboxServer sandbox, Path reportsDir) {
        registry.add("maxim.api-endpoint", () -> sandbox.endpoint().toString());
        registry.add("maxim.app-id", () -> "sandbox");
        registry.add("maxim.access-token", () -> "sandbox-token");
        registry.add("maxim.rate-limit", () -> "2000");
        registry.add("maxim.retry.base-delay", () -> "5ms");
        registry.add("maxim.retry.max-delay", () -> "50ms");
        registry.add("maxim.retry.max-attempts", () -> "10");
        registry.add("maxim.timeout", () -> "5s");
        registry.add("maxim.rejects-dir", reportsDir::toString);
        registry.add("maxim.reports-dir", reportsDir::toString);
    }

    public static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The calls (or items) that write, grown from before to after, by call ("POST /group/invite"): what a run sent that
     * its dry run records, by the recorder's own rule of what writes.
     */
    public static Map<String, Long> writesSince(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> writes = new java.util.TreeMap<>();
        after.forEach((call, count) -> {
            long grown = count - before.getOrDefault(call, 0L);
            if (grown > 0 && WriteRecorder.writes(call.substring(0, call.indexOf(' ')), call.substring(call.indexOf(' ') + 1))) {
                // The sandbox's storage, as a dry run names an upload (MaxIM's answer picks the URL and method).
                writes.merge(call.endsWith(" /oss/avatar") ? WriteRecorder.UPLOAD : call, grown, Long::sum);
            }
        });
        return writes;
    }
}
