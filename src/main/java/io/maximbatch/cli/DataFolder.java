package io.maximbatch.cli;

import io.maximbatch.report.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.springframework.core.env.Environment;

/** The folder of an H2 job database file: private to its owner (0700) before H2 creates files in it, its files 0600. */
final class DataFolder {

    private static final String H2_FILE = "jdbc:h2:file:";

    private DataFolder() {
    }

    static void create(Environment environment) {
        folder(environment).ifPresent(PrivateFiles::folder);
    }

    /** Makes the files H2 created (database, trace, lock) readable by their owner only. */
    static void restrict(Environment environment) {
        folder(environment).filter(Files::isDirectory).ifPresent(folder -> {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    PrivateFiles.restrict(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restrict the files of " + folder + ": " + e.getMessage(), e);
            }
        });
    }

    private static java.util.Optional<Path> folder(Environment environment) {
        String url = environment.getProperty("spring.datasource.url", "");
        if (!url.startsWith(H2_FILE)) {
            return java.util.Optional.empty();
        }
        String file = url.substring(H2_FILE.length()).split(";", 2)[0];
        Path parent = Path.of(file.startsWith("~") ? System.getProperty("user.home") + file.substring(1) : file).toAbsolutePath().getParent();
        return java.util.Optional.ofNullable(parent);
    }
}
