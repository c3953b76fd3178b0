package io.maximbatch.cli;

import io.maximbatch.report.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.core.env.Environment;

/**
 * The folder of an H2 job database file: created private to its owner (0700) before H2 creates files in it (an existing
 * one is left as it is), and the database's own files 0600.
 */
final class DataFolder {

    private static final String H2_FILE = "jdbc:h2:file:";

    private DataFolder() {
    }

    static void create(Environment environment) {
        file(environment).map(Path::getParent).ifPresent(PrivateFiles::folder);
    }

    /** Makes the files H2 created for the job database (data, trace, lock: `<name>.*.db`) readable by their owner only. */
    static void restrict(Environment environment) {
        file(environment).filter(file -> file.getParent() != null && Files.isDirectory(file.getParent())).ifPresent(database -> {
            String prefix = database.getFileName() + ".";
            try (Stream<Path> files = Files.list(database.getParent())) {
                for (Path file : files.filter(f -> ours(f, prefix)).toList()) {
                    PrivateFiles.restrict(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restrict the files of " + database + ": " + e.getMessage(), e);
            }
        });
    }

    private static boolean ours(Path file, String prefix) {
        String name = file.getFileName().toString();
        return name.startsWith(prefix) && name.endsWith(".db") && Files.isRegularFile(file);
    }

    /** The job database's file as H2 names it, without H2's suffixes. */
    private static Optional<Path> file(Environment environment) {
        String url = environment.getProperty("spring.datasource.url", "");
        if (!url.startsWith(H2_FILE)) {
            return Optional.empty();
        }
        String file = url.substring(H2_FILE.length()).split(";", 2)[0];
        return Optional.of(Path.of(file.startsWith("~") ? System.getProperty("user.home") + file.substring(1) : file).toAbsolutePath().normalize());
    }
}
