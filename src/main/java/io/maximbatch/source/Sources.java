package io.maximbatch.source;

import java.util.List;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/** Builds the restartable reader of a source. */
public final class Sources {

    private Sources() {
    }

    public static ItemStreamReader<SourceRecord> reader(SourceSpec spec, List<String> requiredColumns) {
        if (spec instanceof SourceSpec.Csv csv) {
            return new CsvSource(csv.file(), csv.columns(), requiredColumns);
        }
        return new JdbcSource((SourceSpec.Jdbc) spec, requiredColumns);
    }
}
