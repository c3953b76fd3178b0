package io.maximbatch.jobfile;

import io.maximbatch.source.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The rows a job would reject, found by `validate` without a run and without MaxIM: each step reads its sources with
 * its own reader and checks every row with its own validators. References between steps (a friendship's users, a
 * group's owner) are checked against the rows an earlier step of the same job file would write.
 */
public final class RowCheck {

    /** A row that would be rejected: its source (file or query), line, the rule it breaks and why. */
    public record Problem(String source, String line, String rule, String reason) {
    }

    private final List<Problem> problems = new ArrayList<>();
    private Set<String> users;
    private Set<String> groups;

    public void reject(String source, String line, String rule, String reason) {
        problems.add(new Problem(source, line, rule, reason));
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** The legacy user ids a users step of this job would register (empty when the job has no such step before). */
    public Optional<Set<String>> users() {
        return Optional.ofNullable(users);
    }

    public void users(Set<String> legacyIds) {
        this.users = Set.copyOf(legacyIds);
    }

    /** The legacy group ids a groups step of this job would create (empty when the job has none before). */
    public Optional<Set<String>> groups() {
        return Optional.ofNullable(groups);
    }

    public void groups(Set<String> legacyGroupIds) {
        this.groups = Set.copyOf(legacyGroupIds);
    }

    /** Reads every record as a step would, through its processor and in chunks of chunkSize, and hands on each chunk. */
    public static <T> void readChunks(ItemStreamReader<SourceRecord> reader, Function<SourceRecord, T> processor, int chunkSize,
                                      Consumer<List<T>> each) {
        List<T> chunk = new ArrayList<>();
        readAll(reader, record -> {
            chunk.add(processor.apply(record));
            if (chunk.size() == chunkSize) {
                each.accept(chunk);
                chunk.clear();
            }
        });
        if (!chunk.isEmpty()) {
            each.accept(chunk);
        }
    }

    /** Reads every record of a step's reader, from the start, and closes it. */
    public static void readAll(ItemStreamReader<SourceRecord> reader, Consumer<SourceRecord> each) {
        reader.open(new ExecutionContext());
        try {
            for (SourceRecord record = reader.read(); record != null; record = reader.read()) {
                each.accept(record);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            reader.close();
        }
    }
}
