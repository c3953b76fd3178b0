package io.maximbatch.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.source.CsvSource;
import io.maximbatch.source.SourceRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class ChangedRowsReaderTest {

    @TempDir
    Path dir;

    /** Rows 1..n; the changed ones need the writer, "broken" ones (filtered by the step) are passed on too. */
    private ChangedRowsReader<SourceRecord, String> reader(Path csv, Set<Integer> changed, Set<Integer> broken) {
        return new ChangedRowsReader<>(new CsvSource(csv, Map.of(), List.of("id")),
                record -> broken.contains(Integer.parseInt(record.get("id"))) ? null : record.get("id"),
                (rows, instance) -> rows.stream().map(id -> changed.contains(Integer.parseInt(id))).toList());
    }

    private Path csv(int rows) throws Exception {
        StringBuilder csv = new StringBuilder("id\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append('\n');
        }
        return Files.writeString(dir.resolve("rows.csv"), csv);
    }

    @Test
    void passesOnOnlyTheRowsWithSomethingToDoAndCountsTheOthers() throws Exception {
        Path csv = csv(2500);
        ChangedRowsReader<SourceRecord, String> reader = reader(csv, Set.of(7, 1500, 2499), Set.of(900));

        List<String> passed = new ArrayList<>();
        reader.open(new ExecutionContext());
        for (SourceRecord r = reader.read(); r != null; r = reader.read()) {
            passed.add(r.get("id"));
        }
        reader.close();

        assertThat(passed).containsExactly("7", "900", "1500", "2499");
        assertThat(reader.alreadyDone()).isEqualTo(2496);
    }

    @Test
    void aRestartGoesOnJustAfterTheLastRowPassedOnAndCountsTheRowsReadAheadOnce() throws Exception {
        Path csv = csv(2500);
        Set<Integer> changed = Set.of(7, 1500, 2499);
        ChangedRowsReader<SourceRecord, String> first = reader(csv, changed, Set.of());
        ExecutionContext context = new ExecutionContext();
        first.open(context);
        assertThat(first.read().get("id")).isEqualTo("7");
        assertThat(first.read().get("id")).isEqualTo("1500");
        // A commit after row 1500 (rows up to 2000 were read ahead), then a crash.
        first.update(context);
        long countedBeforeCrash = first.alreadyDone();
        first.close();

        ChangedRowsReader<SourceRecord, String> resumed = reader(csv, changed, Set.of());
        resumed.open(context);
        List<String> passed = new ArrayList<>();
        for (SourceRecord r = resumed.read(); r != null; r = resumed.read()) {
            passed.add(r.get("id"));
        }
        resumed.close();

        assertThat(passed).containsExactly("2499");
        assertThat(countedBeforeCrash).isEqualTo(1498);
        assertThat(countedBeforeCrash + resumed.alreadyDone()).as("every row not passed on, counted once").isEqualTo(2497);
    }
}
