package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** An H2 job database in a shared folder (such as /tmp) leaves that folder and the other files in it as they are. */
@ExtendWith(OutputCaptureExtension.class)
class DataFolderTest {

    @TempDir
    Path dir;

    @Test
    void aJobDatabaseInAnExistingWorldWritableFolderKeepsItsModeAndWarnsOnce(CapturedOutput output) throws Exception {
        Path shared = Files.createDirectory(dir.resolve("tmp"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path bystander = Files.writeString(shared.resolve("someone-elses.txt"), "x");
        Files.setPosixFilePermissions(bystander, PosixFilePermissions.fromString("rw-r--r--"));

        try (ConfigurableApplicationContext context = BatchContext.start(Map.of("spring.datasource.url", "jdbc:h2:file:" + shared.resolve("jobs")))) {
            assertThat(context.isActive()).isTrue();
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rwxrwxrwx");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bystander))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared.resolve("jobs.mv.db")))).isEqualTo("rw-------");
        assertThat(output.getAll().lines().filter(line -> line.contains(shared + " (rwxrwxrwx) can be written by other users"))).hasSize(1);
    }

    @Test
    void aJobDatabaseInAStickyWorldWritableFolderLikeTmpLeavesItDrwxrwxrwt() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("sticky"));
        assertThat(new ProcessBuilder("chmod", "1777", tmp.toString()).inheritIO().start().waitFor()).isZero();

        try (ConfigurableApplicationContext context = BatchContext.start(Map.of("spring.datasource.url", "jdbc:h2:file:" + tmp.resolve("x")))) {
            assertThat(context.isActive()).isTrue();
        }

        Process stat = new ProcessBuilder("stat", "-c", "%A", tmp.toString()).start();
        assertThat(new String(stat.getInputStream().readAllBytes()).strip()).isEqualTo("drwxrwxrwt");
    }

    @Test
    void aFolderItCreatesForTheJobDatabaseIsPrivate() throws Exception {
        Path created = dir.resolve("data/nested");

        try (ConfigurableApplicationContext context = BatchContext.start(Map.of("spring.datasource.url", "jdbc:h2:file:" + created.resolve("jobs")))) {
            assertThat(context.isActive()).isTrue();
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created))).isEqualTo("rwx------");
    }
}
