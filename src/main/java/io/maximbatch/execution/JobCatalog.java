package io.maximbatch.execution;

import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.JobFileException;
import io.maximbatch.jobfile.JobFileParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The job files of maxim.jobs-dir, for the admin API and the scheduler, and any job file an execution names. A
 * file is parsed (and its sources probed) again only when it changed: the dashboard asks every second.
 */
@Component
public class JobCatalog {

    private final JobFileParser parser;
    private final Path jobsDir;
    private final Map<Path, Parsed> parsed = new ConcurrentHashMap<>();

    JobCatalog(JobFileParser parser, @Value("${maxim.jobs-dir}") Path jobsDir) {
        this.parser = parser;
        this.jobsDir = jobsDir;
    }

    /** A job file of the folder: its job, or the problems that keep it from being used. */
    public record Entry(Path path, JobFile file, List<String> problems) {
    }

    private record Parsed(FileTime modified, long size, Entry entry) {
    }

    public Path jobsDir() {
        return jobsDir;
    }

    /** Every *.yml file of the jobs folder, in name order; throws IllegalStateException when the folder does not exist. */
    public List<Entry> entries() {
        if (!Files.isDirectory(jobsDir)) {
            throw new IllegalStateException("jobs directory " + jobsDir.toAbsolutePath().normalize()
                    + " does not exist (set maxim.jobs-dir / MAXIM_JOBS_DIR)");
        }
        try (Stream<Path> list = Files.list(jobsDir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".yml") && Files.isRegularFile(p)).sorted().map(this::entry).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + jobsDir, e);
        }
    }

    /** The job file at path, parsed unless it is unchanged since it was; throws JobFileException listing its problems. */
    public JobFile parse(Path path) {
        Entry entry = entry(path);
        if (entry.file() == null) {
            throw new JobFileException(entry.problems());
        }
        return entry.file();
    }

    /** The job file at path, checked but for the environment it needs (a key): for the ID map, which never uses it. */
    public JobFile parseWithoutEnvironment(Path path) {
        return parser.parseWithoutEnvironment(path);
    }

    private Entry entry(Path path) {
        Path key = path.toAbsolutePath().normalize();
        FileTime modified;
        long size;
        try {
            modified = Files.getLastModifiedTime(key);
            size = Files.size(key);
        } catch (IOException e) {
            parsed.remove(key);
            return parse(path, key);
        }
        Parsed known = parsed.get(key);
        if (known != null && known.modified().equals(modified) && known.size() == size) {
            return known.entry();
        }
        Entry entry = parse(path, key);
        parsed.put(key, new Parsed(modified, size, entry));
        return entry;
    }

    private Entry parse(Path path, Path key) {
        try {
            return new Entry(key, parser.parse(path), List.of());
        } catch (JobFileException e) {
            return new Entry(key, null, e.problems());
        }
    }
}
