package io.maximbatch.report;

import io.maximbatch.outcome.Reject;
import static org.assertj.core.api.Assertions.assertThat;

import com.opencsv.CSVReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RejectReportTest {

    @TempDir
    Path dir;

    private static Reject reject(String line, String code, String reason, String... keyValues) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            fields.put(keyValues[i], keyValues[i + 1]);
        }
        return new Reject(line, code, reason, fields);
    }

    private static List<String[]> readCsv(Path file) throws Exception {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVReader csv = new CSVReader(in)) {
            return csv.readAll();
        }
    }

    @Test
    void headerIsLineReasonCodeReasonThenTheRecordsFields() throws Exception {
        Path file = RejectReport.fileFor(dir.resolve("rejects"), "legacy-migration", 7, "users");

        RejectReport.write(file, List.of(
                reject("2", "10004", "username taken", "legacy_id", "1", "username", "alice"),
                reject("3", "VALIDATION", "username is only digits", "legacy_id", "2", "username", "12345")));

        assertThat(file).hasFileName("legacy-migration-7-users.csv");
        assertThat(Files.readAllLines(file).get(0)).isEqualTo("line,reason_code,reason,legacy_id,username");
        assertThat(readCsv(file)).satisfiesExactly(
                header -> assertThat(header).containsExactly("line", "reason_code", "reason", "legacy_id", "username"),
                row -> assertThat(row).containsExactly("2", "10004", "username taken", "1", "alice"),
                row -> assertThat(row).containsExactly("3", "VALIDATION", "username is only digits", "2", "12345"));
    }

    @Test
    void cellsThatASpreadsheetWouldRunAsFormulasGetALeadingQuote() throws Exception {
        Path file = dir.resolve("r.csv");

        RejectReport.write(file, List.of(reject("2", "VALIDATION", "=bad reason",
                "a", "=HYPERLINK(\"http://evil\")", "b", "+1", "c", "-2", "d", "@SUM(A1)", "e", "plain", "f", "a=b")));

        assertThat(readCsv(file).get(1)).containsExactly("2", "VALIDATION", "'=bad reason",
                "'=HYPERLINK(\"http://evil\")", "'+1", "'-2", "'@SUM(A1)", "plain", "a=b");
    }

    @Test
    void controlCharactersAreWrittenVisiblyAndAControlPrefixDoesNotHideAFormula() throws Exception {
        Path file = dir.resolve("control.csv");

        RejectReport.write(file, List.of(reject("3", "INVALID_USERNAME", "bad: user\u0007nine",
                "a", "user\u0007nine", "b", "\u0000=cmd", "c", "tab\there")));

        String text = Files.readString(file);
        assertThat(text).contains("\"bad: user\\u0007nine\",\"user\\u0007nine\",\"\\u0000=cmd\",\"tab\there\"")
                .doesNotContain("\u0007").doesNotContain("\u0000");
    }

    @Test
    void bidiControlsAreWrittenVisiblySoThatACellCannotDisguiseItself() throws Exception {
        Path file = dir.resolve("bidi.csv");

        RejectReport.write(file, List.of(reject("4", "VALIDATION", "bad name", "a", "invoice\u202Etxt.exe",
                "b", "\u2066x\u2069\u200E\u200F\u061C\u202A")));

        assertThat(Files.readAllLines(file).get(1)).isEqualTo("\"4\",\"VALIDATION\",\"bad name\",\"invoice\\u202etxt.exe\","
                + "\"\\u2066x\\u2069\\u200e\\u200f\\u061c\\u202a\"");
    }

    @Test
    void valuesWithCommasQuotesAndLineBreaksSurviveTheRoundTrip() throws Exception {
        Path file = dir.resolve("r.csv");

        RejectReport.write(file, List.of(reject("4", "10002", "bad, \"odd\" value", "note", "two\nlines")));

        assertThat(readCsv(file).get(1)).containsExactly("4", "10002", "bad, \"odd\" value", "two\nlines");
    }

    @Test
    void rowsAreSortedByNumericLineWithOtherPositionsLastInRecordedOrder() throws Exception {
        Path file = dir.resolve("r.csv");

        RejectReport.write(file, List.of(
                reject("10", "X", "r"),
                reject("legacy_id=9", "X", "r"),
                reject("9", "X", "r"),
                reject("100", "X", "r"),
                reject("legacy_id=1", "X", "r"),
                reject("2", "X", "r")));

        assertThat(readCsv(file).stream().skip(1).map(row -> row[0]))
                .containsExactly("2", "9", "10", "100", "legacy_id=9", "legacy_id=1");
    }

    @Test
    void recordsWithDifferentFieldsShareOneHeader() throws Exception {
        Path file = dir.resolve("r.csv");

        RejectReport.write(file, List.of(
                reject("2", "X", "r", "legacy_id", "1", "username", "alice"),
                reject("3", "X", "r", "legacy_id", "2", "extra_1", "surplus")));

        assertThat(readCsv(file)).satisfiesExactly(
                header -> assertThat(header).containsExactly("line", "reason_code", "reason", "legacy_id", "username", "extra_1"),
                row -> assertThat(row).containsExactly("2", "X", "r", "1", "alice", ""),
                row -> assertThat(row).containsExactly("3", "X", "r", "2", "", "surplus"));
    }

    @Test
    void noRejectsStillWritesTheHeader() throws IOException {
        Path file = dir.resolve("nested/dir/r.csv");

        RejectReport.write(file, List.of());

        assertThat(Files.readAllLines(file)).containsExactly("line,reason_code,reason");
    }
}
