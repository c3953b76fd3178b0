package io.maximbatch.source;

import java.util.List;
import java.util.Map;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/** Builds the restartable reader of a source. */
public final class Sources {

    private Sources() {
    }

    public static ItemStreamReader<SourceRecord> reader(SourceSpec spec, List<String> requiredColumns) {
        return reader(spec, requiredColumns, Map.of());
    }

    /** A reader whose query (for a JDBC source) has its named parameters bound from these values. */
    public static ItemStreamReader<SourceRecord> reader(SourceSpec spec, List<String> requiredColumns, Map<String, Object> queryParameters) {
        if (spec instanceof SourceSpec.Csv csv) {
            return new CsvSource(csv.file(), csv.columns(), requiredColumns);
        }
        return new JdbcSource((SourceSpec.Jdbc) spec, requiredColumns, queryParameters);
    }
}
