package io.maximbatch.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.jobfile.Readable;
import io.maximbatch.jobfile.SourceKeys;
import io.maximbatch.jobfile.StepKind;
import jakarta.validation.Valid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard asks for the job list every second: a job file is parsed again only when it changed. */
class JobCatalogTest {

    /** A step kind whose source is probed like the real ones; counts how often the parser asks for its settings. */
    static final class CountedKind implements StepKind<CountedKind.Settings> {
        record Settings(@Valid @Readable(required = {"legacy_id"}) SourceKeys source) {
        }

        final AtomicInteger asked = new AtomicInteger();

        @Override
        public String type() {
            return "counted";
        }

        @Override
        public Class<Settings> settingsClass() {
            asked.incrementAndGet();
            return Settings.class;
        }
    }

    @TempDir
    Path jobs;

    @Test
    void anUnchangedJobFileIsNotParsedAgainNorItsInputRead() throws Exception {
        Path csv = jobs.resolve("input.csv");
        Files.writeString(csv, "legacy_id\nL1\n");
        Path file = jobs.resolve("counted.yml");
        Files.writeString(file, "name: counted\nsteps:\n  - name: one\n    type: counted\n    source: { csv: " + csv + " }\n");
        CountedKind kind = new CountedKind();
        JobCatalog catalog = new JobCatalog(new JobFileParser(List.of(kind)), jobs);

        assertThat(catalog.entries()).singleElement().satisfies(entry -> assertThat(entry.problems()).isEmpty());
        int parses = kind.asked.get();
        Files.delete(csv);
        for (int i = 0; i < 5; i++) {
            assertThat(catalog.entries()).singleElement().satisfies(entry -> assertThat(entry.file().name()).isEqualTo("counted"));
        }
        assertThat(kind.asked.get()).as("parses of an unchanged file").isEqualTo(parses);

        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(catalog.entries()).singleElement().satisfies(entry ->
                assertThat(entry.problems()).singleElement().satisfies(p -> assertThat(p).contains("file not found")));
        assertThat(kind.asked.get()).isGreaterThan(parses);
    }
}
