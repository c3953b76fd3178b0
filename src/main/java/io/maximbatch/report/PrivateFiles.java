package io.maximbatch.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files only their owner may read: reject reports, reconcile reports, the job database's folder and the generated
 * admin token hold people's data or secrets. Folders 0700 and files 0600 where the file system has POSIX permissions.
 */
public final class PrivateFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    /** Creates the folder, and those above it that are missing, for the owner only; an existing one is made so too. */
    public static Path folder(Path dir) {
        try {
            Path absolute = dir.toAbsolutePath().normalize();
            if (!Files.isDirectory(absolute)) {
                Files.createDirectories(absolute);
            }
            if (POSIX) {
                Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rwx------"));
            }
            return absolute;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A writer of a new (or emptied) file that only its owner can read, in a folder made private. */
    public static Writer writer(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        folder(absolute.getParent());
        return ownerOnly(absolute);
    }

    /** A writer of a new (or emptied) file that only its owner can read; its folder (the user's choice) is left as it is. */
    public static Writer writerInPlace(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        Files.createDirectories(absolute.getParent());
        return ownerOnly(absolute);
    }

    private static Writer ownerOnly(Path absolute) throws IOException {
        if (POSIX && !Files.exists(absolute)) {
            Files.createFile(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        restrict(absolute);
        return Files.newBufferedWriter(absolute, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }

    /** Makes an existing file readable by its owner only. */
    public static void restrict(Path file) throws IOException {
        if (POSIX && Files.exists(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
