package io.maximbatch.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Builds the restartable reader of a source. */
public final class Sources {

    private Sources() {
    }

    /**
     * The values a query's named parameters are bound from: the run's name=value parameters, each also under its name
     * with '-' as '_' (`xmpp-domain=` binds `:xmpp_domain`: SQL parameter names cannot hold a dash).
     */
    public static Map<String, Object> queryParameters(Map<String, String> runParameters) {
        Map<String, Object> values = new HashMap<>();
        runParameters.forEach((name, value) -> values.putIfAbsent(name.replace('-', '_'), value));
        values.putAll(runParameters);
        return Map.copyOf(values);
    }

    /**
     * Which of these column names (ours, through the `columns` mapping) the source has: a CSV file's header, a query's
     * result columns (asked with a query that returns no row).
     */
    public static Set<String> present(SourceSpec spec, Collection<String> ourNames, Map<String, Object> queryParameters) {
        SourceRecord.Columns columns;
        if (spec instanceof SourceSpec.Csv csv) {
            CsvSource source = new CsvSource(csv.file(), csv.columns(), List.of());
            try {
                source.open(new ExecutionContext());
                columns = source.columns();
            } finally {
                source.close();
            }
        } else {
            SourceSpec.Jdbc jdbc = (SourceSpec.Jdbc) spec;
            try (var dataSource = JdbcConnections.open(jdbc)) {
                List<String> headers = new NamedParameterJdbcTemplate(dataSource).query("SELECT * FROM (" + jdbc.query()
                        + ") source_rows WHERE 1 = 0", queryParameters, rs -> {
                            List<String> labels = new ArrayList<>();
                            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                                labels.add(rs.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT));
                            }
                            return labels;
                        });
                columns = ColumnMapping.resolve(spec.describe(), headers, spec.columns(), List.of());
            } catch (org.springframework.dao.DataAccessException e) {
                throw JdbcConnections.failure(jdbc, e, false);
            }
        }
        Set<String> present = new LinkedHashSet<>();
        ourNames.stream().filter(name -> columns.indexOf(name) != null).forEach(present::add);
        return present;
    }

    /** A reader whose query (for a JDBC source) has its named parameters bound from these values. */
    public static ItemStreamReader<SourceRecord> reader(SourceSpec spec, List<String> requiredColumns, Map<String, Object> queryParameters) {
        if (spec instanceof SourceSpec.Csv csv) {
            return new CsvSource(csv.file(), csv.columns(), requiredColumns);
        }
        return new JdbcSource((SourceSpec.Jdbc) spec, requiredColumns, queryParameters);
    }
}
