package io.maximbatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maximbatch.outcome.Reject;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What maxim-batch creates is its owner's only; a folder that exists is the operator's and keeps its mode. */
class PrivateFilesTest {

    @TempDir
    Path dir;

    @Test
    void aReportUnderAnExistingWorldWritableFolderLeavesThatFolderAsItIsAndCreatesItsOwnFolderPrivate() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("tmp"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path report = RejectReport.fileFor(shared.resolve("rejects"), "job", 1, "users");

        RejectReport.write(report, List.of(new Reject("2", "VALIDATION", "no username", new LinkedHashMap<>(Map.of("legacy_id", "1")))));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rwxrwxrwx");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared.resolve("rejects")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report))).isEqualTo("rw-------");
    }

    @Test
    void aReportStraightIntoAnExistingFolderLeavesItsMode() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxr-x"));

        RejectReport.write(shared.resolve("r.csv"), List.of(new Reject("2", "VALIDATION", "no username", new LinkedHashMap<>())));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rwxrwxr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared.resolve("r.csv")))).isEqualTo("rw-------");
    }

    @Test
    void aFolderBelowARegularFileIsRefusedWithThePathAndTheReason() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");

        assertThatThrownBy(() -> PrivateFiles.folder(file.resolve("rejects")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot create folder " + file.resolve("rejects") + ": " + file + " is a file, not a folder");
    }
}
