package io.maximbatch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class CsvSourceTest {

    private static final List<String> USER_COLUMNS = List.of("legacy_id", "username", "password");

    @TempDir
    Path dir;

    private Path file(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    private Path file(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static List<SourceRecord> readAll(CsvSource source, ExecutionContext context) throws Exception {
        source.open(context);
        try {
            List<SourceRecord> records = new ArrayList<>();
            for (SourceRecord r = source.read(); r != null; r = source.read()) {
                records.add(r);
            }
            return records;
        } finally {
            source.close();
        }
    }

    private static List<SourceRecord> readAll(Path file) throws Exception {
        return readAll(new CsvSource(file, Map.of(), USER_COLUMNS), new ExecutionContext());
    }

    @Test
    void readsAFileWithAUtf8ByteOrderMark() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write("legacy_id,username,password\n1,alice,pw\n".getBytes(StandardCharsets.UTF_8));

        List<SourceRecord> records = readAll(file("bom.csv", bytes.toByteArray()));

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.get("legacy_id")).isEqualTo("1");
            assertThat(r.header("legacy_id")).isEqualTo("legacy_id");
            assertThat(r.get("username")).isEqualTo("alice");
        });
    }

    @Test
    void readsCrlfLineEnds() throws Exception {
        List<SourceRecord> records = readAll(file("crlf.csv", "legacy_id,username,password\r\n1,alice,pw-a\r\n2,bob,pw-b\r\n"));

        assertThat(records).extracting(SourceRecord::line).containsExactly("2", "3");
        assertThat(records).extracting(r -> r.values()[2]).containsExactly("pw-a", "pw-b");
        assertThat(records).extracting(SourceRecord::problem).containsOnlyNulls();
    }

    @Test
    void quotedCommasDoubledQuotesAndLineBreaks() throws Exception {
        String csv = "legacy_id,username,password\n"
                + "1,\"smith, john\",\"say \"\"hi\"\"\"\n"
                + "2,bob,\"two\nlines\"\n"
                + "3,carol,pw\n";

        List<SourceRecord> records = readAll(file("quoted.csv", csv));

        assertThat(records).extracting(SourceRecord::line).containsExactly("2", "3", "5");
        assertThat(records.get(0).get("username")).isEqualTo("smith, john");
        assertThat(records.get(0).get("password")).isEqualTo("say \"hi\"");
        assertThat(records.get(1).get("password")).isEqualTo("two\nlines");
        assertThat(records.get(2).get("username")).isEqualTo("carol");
        assertThat(records).extracting(SourceRecord::problem).containsOnlyNulls();
    }

    @Test
    void blankLinesAreSkippedButCountedAsLines() throws Exception {
        String csv = "legacy_id,username,password\n\n1,alice,pw\n   \n\n2,bob,pw\n\n";

        List<SourceRecord> records = readAll(file("blank.csv", csv));

        assertThat(records).extracting(r -> r.get("username")).containsExactly("alice", "bob");
        assertThat(records).extracting(SourceRecord::line).containsExactly("3", "6");
    }

    @Test
    void columnsMapOurNamesToTheirHeadersIgnoringCase() throws Exception {
        Path file = file("mapped.csv", "ID,Login,Password\n7,alice,pw\n");
        CsvSource source = new CsvSource(file, Map.of("legacy_id", "id", "username", "LOGIN"), USER_COLUMNS);

        List<SourceRecord> records = readAll(source, new ExecutionContext());

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.get("legacy_id")).isEqualTo("7");
            assertThat(r.get("username")).isEqualTo("alice");
            assertThat(r.get("password")).isEqualTo("pw");
            assertThat(r.header("username")).isEqualTo("Login");
        });
    }

    @Test
    void missingRequiredColumnNamesTheFileAndTheColumn() throws Exception {
        Path file = file("users.csv", "legacy_id,login,password\n1,alice,pw\n");
        CsvSource source = new CsvSource(file, Map.of(), USER_COLUMNS);

        assertThatThrownBy(() -> source.open(new ExecutionContext()))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("username");
    }

    @Test
    void mappedColumnMissingFromTheFileNamesTheirHeader() throws Exception {
        Path file = file("users.csv", "legacy_id,username,password\n1,alice,pw\n");
        CsvSource source = new CsvSource(file, Map.of("username", "login"), USER_COLUMNS);

        // the mapping points elsewhere; a user who wrote `username: login` expects to hear about "login"
        assertThatThrownBy(() -> source.open(new ExecutionContext()))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("login");
    }

    @Test
    void emptyFileIsRefused() throws Exception {
        Path file = file("empty.csv", "");
        CsvSource source = new CsvSource(file, Map.of(), USER_COLUMNS);

        assertThatThrownBy(() -> source.open(new ExecutionContext()))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("empty");
    }

    @Test
    void missingFileIsRefused() {
        Path file = dir.resolve("nope.csv");
        CsvSource source = new CsvSource(file, Map.of(), USER_COLUMNS);

        assertThatThrownBy(() -> source.open(new ExecutionContext()))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not found");
    }

    @Test
    void wrongNumberOfColumnsIsAProblemOfThatRecordOnly() throws Exception {
        List<SourceRecord> records = readAll(file("ragged.csv", "legacy_id,username,password\n1,alice\n2,bob,pw,extra\n3,carol,pw\n"));

        assertThat(records).hasSize(3);
        assertThat(records.get(0).problem()).contains("expected 3 columns, found 2");
        assertThat(records.get(1).problem()).contains("expected 3 columns, found 4");
        assertThat(records.get(2).problem()).isNull();
        assertThat(records.get(1).asRead("legacy_id")).containsExactly(entry("legacy_id", "2"), entry("username", "***"),
                entry("password", "***"), entry("extra_1", "***"));
        assertThat(records.get(2).asRead("legacy_id")).containsEntry("password", "pw");
    }

    @Test
    void aQuoteThatIsNeverClosedMakesItsLineAProblemAndTheRowsAfterItAreStillRead() throws Exception {
        Path broken = file("unclosed.csv", "legacy_id,username,password,nickname\n1,alice,\"pw-secret-1,n\n2,bob,TOPSECRET-2,n\n\n3,carol,pw3,c\n");

        List<SourceRecord> records = readAll(new CsvSource(broken, Map.of(), USER_COLUMNS), new ExecutionContext());

        assertThat(records).extracting(SourceRecord::line).containsExactly("2", "3", "5");
        assertThat(records.get(0).problem()).contains(broken + ": line 2: a quoted field is never closed", "the line is skipped")
                .doesNotContain("secret").doesNotContain("SECRET");
        assertThat(records.get(1).problem()).isNull();
        assertThat(records.get(1).asRead()).containsEntry("username", "bob");
        assertThat(records.get(2).problem()).isNull();
        assertThat(records.get(2).asRead()).containsEntry("username", "carol");
    }

    @Test
    void aRestartAfterAnUnclosedQuoteGoesOnAtTheSameRecord() throws Exception {
        Path broken = file("unclosed-restart.csv", "legacy_id,username,password\n1,\"alice,pw1\n2,bob,pw2\n3,carol,pw3\n");
        ExecutionContext context = new ExecutionContext();
        CsvSource first = new CsvSource(broken, Map.of(), List.of("legacy_id", "username", "password"));
        first.open(context);
        first.read();
        first.read();
        first.update(context);
        first.close();

        List<SourceRecord> rest = readAll(new CsvSource(broken, Map.of(), List.of("legacy_id", "username", "password")), context);

        assertThat(rest).extracting(SourceRecord::line).containsExactly("4");
        assertThat(rest.get(0).asRead()).containsEntry("username", "carol");
    }

    @Test
    void aStrayQuoteThatSwallowsTheNextRowMakesTheRecordAProblemInsteadOfLosingThatRow() throws Exception {
        List<SourceRecord> records = readAll(file("stray.csv",
                "legacy_id,username,password,nickname\n1,alice,pw1,\"Al\n2,bob,pw2,Bob\"\n3,carol,pw3,\"two\nlines\"\n"));

        assertThat(records).hasSize(2);
        assertThat(records.get(0).line()).isEqualTo("2");
        assertThat(records.get(0).problem()).contains("runs from line 2 to line 3", "stray quote");
        assertThat(records.get(1).line()).isEqualTo("4");
        assertThat(records.get(1).problem()).as("a genuine two-line nickname is fine").isNull();
    }

    @Test
    void invalidUtf8BytesBecomeReplacementCharacters() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("legacy_id,username,password\n1,".getBytes(StandardCharsets.UTF_8));
        bytes.write(new byte[] {'a', (byte) 0xC3, (byte) 0x28, 'b'});
        bytes.write(",pw\n".getBytes(StandardCharsets.UTF_8));

        List<SourceRecord> records = readAll(file("latin.csv", bytes.toByteArray()));

        assertThat(records).singleElement().satisfies(r -> assertThat(r.get("username")).isEqualTo("a\uFFFD(b"));
    }

    @Test
    void readsUtf16LittleEndianWithByteOrderMark() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
        bytes.write("legacy_id,username,password\r\n1,Łukasz_李,pw\r\n".getBytes(StandardCharsets.UTF_16LE));

        List<SourceRecord> records = readAll(file("utf16.csv", bytes.toByteArray()));

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.get("legacy_id")).isEqualTo("1");
            assertThat(r.get("username")).isEqualTo("Łukasz_李");
        });
    }

    @Test
    void restartContinuesAfterTheLastSavedRecord() throws Exception {
        Path file = file("restart.csv", "legacy_id,username,password\n1,a,pw\n\n2,b,\"p\nw\"\n3,c,pw\n4,d,pw\n5,e,pw\n");
        CsvSource first = new CsvSource(file, Map.of(), USER_COLUMNS);
        ExecutionContext context = new ExecutionContext();
        first.open(context);
        for (int i = 0; i < 3; i++) {
            first.read();
        }
        first.update(context);
        first.close();

        CsvSource second = new CsvSource(file, Map.of(), USER_COLUMNS);
        List<SourceRecord> rest = readAll(second, context);

        assertThat(rest).extracting(r -> r.get("legacy_id")).containsExactly("4", "5");
        // line numbers stay physical after a restart
        assertThat(rest).extracting(SourceRecord::line).containsExactly("7", "8");
    }
}
