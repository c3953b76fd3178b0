package io.maximbatch.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files only their owner may read: reject reports, reconcile reports, the job database's folder and the generated
 * admin token hold people's data or secrets. What maxim-batch creates is made 0700 (folders) and 0600 (files) where the
 * file system has POSIX permissions; what exists already is the operator's and keeps its mode (a shared folder such as
 * /tmp must stay as it is): a folder others may write into only gets a warning.
 */
public final class PrivateFiles {

    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    /** Folders already warned about: one line per folder and process. */
    private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();

    private PrivateFiles() {
    }

    /** The folder, with those above it that are missing created for the owner only; an existing one is left as it is. */
    public static Path folder(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            Deque<Path> missing = new ArrayDeque<>();
            Path existing = absolute;
            for (; existing != null && !Files.exists(existing); existing = existing.getParent()) {
                missing.push(existing);
            }
            if (existing != null && !Files.isDirectory(existing)) {
                throw new NotDirectoryException(existing.toString());
            }
            if (missing.isEmpty()) {
                warnIfShared(absolute);
            }
            for (Path create : missing) {
                Files.createDirectory(create);
                if (POSIX) {
                    Files.setPosixFilePermissions(create, PosixFilePermissions.fromString("rwx------"));
                }
            }
            return absolute;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create folder " + absolute + ": " + reason(e), e);
        }
    }

    /** A writer of a file that only its owner can read when maxim-batch creates it; an existing file is emptied, its mode kept. */
    public static Writer writer(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        folder(absolute.getParent());
        if (POSIX && !Files.exists(absolute)) {
            Files.createFile(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.newBufferedWriter(absolute, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }

    /** Makes a file maxim-batch created through a library (the H2 job database's files) readable by its owner only. */
    public static void restrict(Path file) throws IOException {
        if (POSIX && Files.exists(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** What the operating system said, in words: some exceptions carry only the path, their class is the reason. */
    public static String reason(IOException e) {
        String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        if (reason != null && !reason.isBlank()) {
            return e instanceof NotDirectoryException ? reason : reason + (e instanceof FileSystemException fs ? " (" + fs.getFile() + ")" : "");
        }
        if (e instanceof NotDirectoryException fs) {
            return fs.getFile() + " is a file, not a folder";
        }
        if (e instanceof AccessDeniedException fs) {
            return "permission denied (" + fs.getFile() + ")";
        }
        if (e instanceof NoSuchFileException fs) {
            return "no such file or folder (" + fs.getFile() + ")";
        }
        if (e instanceof FileAlreadyExistsException fs) {
            return "already exists (" + fs.getFile() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void warnIfShared(Path folder) throws IOException {
        if (!POSIX) {
            return;
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(folder);
        if ((mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) && WARNED.add(folder)) {
            LOG.warn("{} ({}) can be written by other users: they may replace or remove maxim-batch's files there; a folder of its own is safer",
                    folder, PosixFilePermissions.toString(mode));
        }
    }
}
