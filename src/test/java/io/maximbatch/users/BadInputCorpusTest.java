package io.maximbatch.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import io.maximbatch.JobTestSupport;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.execution.Executions;
import io.maximbatch.report.StepOutcomes;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The users step on a corpus of broken CSV files (src/test/resources/bad-input): a file that cannot be used is
 * refused before the run with its name and what is wrong; otherwise the valid rows are registered and every broken
 * row is in the reject report with its line and a reason, in cells that are safe to open in a spreadsheet.
 */
@SpringBootTest
class BadInputCorpusTest {

    private static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());
    private static final AtomicInteger CASES = new AtomicInteger();

    @TempDir
    static Path dir;

    @Autowired
    Executions runs;

    @Autowired
    JobFileParser parser;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.sandboxProperties(registry, SANDBOX, dir.resolve("rejects"));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:corpus-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void unusableFilesAreRefusedBeforeTheRunWithTheirNameAndWhatIsWrong() throws Exception {
        for (Map.Entry<String, String> bad : Map.of(
                "empty.csv", "the file is empty (a header row is expected: legacy_id, username, password)",
                "wrong-header.csv", "missing column(s) legacy_id, username, password; the header has: id, login, pass",
                "missing-column.csv", "missing column(s) password; the header has: legacy_id, username").entrySet()) {
            Path csv = corpus(bad.getKey());
            Path job = JobTestSupport.jobFile(dir, "refused", JobTestSupport.usersStep(csv, 10, 10, "reject"));
            assertThatThrownBy(() -> parser.parse(job)).as(bad.getKey())
                    .hasMessageContaining(csv + ": " + bad.getValue()).hasMessageContaining("steps[0].source.csv");
        }
    }

    @Test
    void aHeaderOnlyFileIsAnEmptyRun() throws Exception {
        Outcome outcome = run("header-only.csv");
        assertThat(outcome.written).isZero();
        assertThat(outcome.rejects).isEmpty();
    }

    @Test
    void rowsWithTooManyOrTooFewColumnsAreRejectedAndTheOthersRegistered() throws Exception {
        Outcome many = run("too-many-columns.csv");
        assertThat(many.written).isEqualTo(4);
        assertThat(many.rejects).singleElement().satisfies(r -> assertThat(r).startsWith("4", "MALFORMED_RECORD", "expected 4 columns, found 5"));
        Outcome few = run("too-few-columns.csv");
        assertThat(few.written).isEqualTo(4);
        assertThat(few.rejects).singleElement().satisfies(r -> assertThat(r).startsWith("4", "MALFORMED_RECORD", "expected 4 columns, found 2"));
    }

    @Test
    void aQuoteNeverClosedRejectsItsLineAndTheRowsAfterItAreRegistered() throws Exception {
        Outcome outcome = run("broken-quoting.csv");
        assertThat(outcome.written).isEqualTo(4);
        assertThat(outcome.rejects).singleElement().satisfies(r -> {
            assertThat(r[0]).isEqualTo("4");
            assertThat(r[1]).isEqualTo("MALFORMED_RECORD");
            assertThat(r[2]).contains("line 4: a quoted field is never closed");
            assertThat(r).doesNotContain("password9x");
        });
        Outcome stray = run("stray-quote.csv");
        assertThat(stray.written).isEqualTo(4);
        assertThat(stray.rejects).singleElement().satisfies(r -> assertThat(r).startsWith("4", "INVALID_USERNAME"));
    }

    @Test
    void formulaPrefixesAndControlCharactersAreRejectedAndNeutralisedInTheReport() throws Exception {
        Outcome formula = run("formula.csv");
        assertThat(formula.written).isEqualTo(1);
        assertThat(formula.rejects).extracting(r -> r[0]).containsExactly("3", "4", "5");
        assertThat(formula.rejects).allSatisfy(r -> assertThat(r[1]).isEqualTo("INVALID_USERNAME"));
        assertThat(formula.rejects).extracting(r -> r[4]).allSatisfy(username -> assertThat(username).startsWith("'"));
        assertThat(formula.rejects.get(0)[6]).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(formula.rejects.get(1)[6]).isEqualTo("'@foo");

        Outcome control = run("control-chars.csv");
        assertThat(control.written).isEqualTo(2);
        assertThat(control.rejects).singleElement().satisfies(r -> {
            assertThat(r[0]).isEqualTo("3");
            assertThat(r[4]).endsWith("user\\u0007nine");
            assertThat(String.join(",", r)).doesNotContain("\u0007").doesNotContain("\u0001");
        });
    }

    @Test
    void duplicateLegacyIdsBadBytesAndUtf16AreHandled() throws Exception {
        Outcome duplicates = run("duplicate-ids.csv");
        assertThat(duplicates.written).isEqualTo(2);
        assertThat(duplicates.rejects).singleElement().satisfies(r -> assertThat(r).startsWith("4", "DUPLICATE_LEGACY_ID"));

        Outcome bytes = run("non-utf8.csv");
        assertThat(bytes.written).isEqualTo(2);
        assertThat(bytes.rejects).singleElement().satisfies(r -> assertThat(r).startsWith("3", "INVALID_ENCODING"));

        assertThat(run("utf16-bom.csv").written).isEqualTo(3);
    }

    @Test
    void aOneMegabyteFieldDoesNotStopTheRun() throws Exception {
        Path csv = dir.resolve("big-field.csv");
        Files.writeString(csv, "legacy_id,username,password,nickname\nL1,user1,password1x,Nick\nL9,user9,password9x,"
                + "N".repeat(1 << 20) + "\nL3,user3,password3x,Nick\n");
        assertThat(run(csv).written).isEqualTo(3);
    }

    /** What a run of a corpus file did: records written, and the reject report's rows (without its header). */
    private record Outcome(long written, List<String[]> rejects) {
    }

    private Outcome run(String name) throws Exception {
        return run(corpus(name));
    }

    private Outcome run(Path csv) throws Exception {
        Path job = JobTestSupport.jobFile(dir, "corpus-" + CASES.incrementAndGet(), JobTestSupport.usersStep(csv, 10, 10, "reject"));
        JobExecution execution = runs.run(parser.parse(job), Map.of(), false, notice -> { });
        assertThat(execution.getStatus()).as(csv.toString()).isEqualTo(BatchStatus.COMPLETED);
        StepOutcomes outcomes = StepOutcomes.of(execution.getStepExecutions().iterator().next());
        assertThat(outcomes.read()).isEqualTo(outcomes.written() + outcomes.alreadyDone() + outcomes.rejected() + outcomes.filtered());
        List<String[]> rejects = List.of();
        if (outcomes.rejectFile() != null) {
            Path report = Path.of(outcomes.rejectFile()).isAbsolute() ? Path.of(outcomes.rejectFile()) : dir.resolve("rejects").resolve(Path.of(outcomes.rejectFile()).getFileName());
            try (var reader = new CSVReaderBuilder(new StringReader(Files.readString(report, StandardCharsets.UTF_8)))
                    .withCSVParser(new RFC4180ParserBuilder().build()).build()) {
                List<String[]> rows = reader.readAll();
                rejects = rows.subList(1, rows.size());
            }
        }
        assertThat(rejects).hasSize((int) outcomes.rejected());
        return new Outcome(outcomes.written(), rejects);
    }

    /** A corpus file with its legacy ids and usernames made unique to this case (all cases share one sandbox). */
    private static Path corpus(String name) throws Exception {
        String prefix = "c" + CASES.incrementAndGet();
        byte[] bytes = BadInputCorpusTest.class.getResourceAsStream("/bad-input/" + name).readAllBytes();
        Path copy = dir.resolve(prefix + "-" + name);
        boolean utf16 = bytes.length > 1 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE;
        if (utf16) {
            String text = new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
            byte[] body = unique(text, prefix).getBytes(StandardCharsets.UTF_16LE);
            byte[] out = new byte[body.length + 2];
            out[0] = (byte) 0xFF;
            out[1] = (byte) 0xFE;
            System.arraycopy(body, 0, out, 2, body.length);
            Files.write(copy, out);
        } else {
            // Byte by byte (ISO-8859-1 keeps every byte), so that invalid UTF-8 stays exactly as it was.
            Files.write(copy, unique(new String(bytes, StandardCharsets.ISO_8859_1), prefix).getBytes(StandardCharsets.ISO_8859_1));
        }
        return copy;
    }

    private static String unique(String text, String prefix) {
        return text.replaceAll("(?m)^L(\\d+),user", prefix + "L$1," + prefix + "user").replaceAll("(?m)^L(\\d)", prefix + "L$1");
    }
}
