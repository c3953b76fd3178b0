package io.maximbatch.source;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;

/**
 * Reads rows of a query from another database in one pass ordered by a unique sort key (a cursor streamed in pages of
 * FETCH_SIZE rows), so that a restart continues after the last committed key. The connection is made and checked by
 * {@link JdbcConnections}.
 */
public final class JdbcSource implements ItemStreamReader<SourceRecord> {

    /** Execution-context keys of a partition's key range: sort key >= FIRST (if set) and < END (if set); EMPTY: no rows. */
    public static final String FIRST = "jdbc-source.partition.first";
    public static final String END = "jdbc-source.partition.end";
    public static final String EMPTY = "jdbc-source.partition.empty";
    /** The sort key of the last row of the last committed chunk, as {sort key: value} (the key and shape Spring Batch's paging reader saved). */
    static final String START_AFTER = "jdbc-source.start.after";
    /** Rows read up to the last committed chunk (the key Spring Batch's readers save, which PasswordSchemeGuard looks for). */
    static final String READ_COUNT = "jdbc-source.read.count";

    private static final int FETCH_SIZE = 500;
    /** :name outside string literals (and not a PostgreSQL ::cast). */
    private static final Pattern NAMED_PARAMETER = Pattern.compile("(?<![:\\w]):([A-Za-z_][A-Za-z0-9_]*)");

    private final SourceSpec.Jdbc spec;
    private final List<String> required;
    private HikariDataSource dataSource;
    private JdbcCursorItemReader<SourceRecord> delegate;
    private final AtomicReference<SourceRecord.Columns> columns = new AtomicReference<>();
    private Object lastKey;
    private int readCount;

    private final Map<String, Object> queryParameters;

    public JdbcSource(SourceSpec.Jdbc spec, List<String> required) {
        this(spec, required, Map.of());
    }

    /** queryParameters: values of the query's named parameters (:name), bound by the driver, never spliced into the text. */
    public JdbcSource(SourceSpec.Jdbc spec, List<String> required, Map<String, Object> queryParameters) {
        this.spec = spec;
        this.required = required;
        this.queryParameters = queryParameters;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        try {
            dataSource = JdbcConnections.open(spec);
            Map<String, Object> values = usedParameters();
            List<String> conditions = range(executionContext, values);
            if (executionContext.containsKey(START_AFTER)) {
                lastKey = ((Map<?, ?>) executionContext.get(START_AFTER)).get(spec.sortKey());
                readCount = executionContext.getInt(READ_COUNT, 0);
                conditions.add(spec.sortKey() + " > :start_after");
                values.put("start_after", lastKey);
            }
            // One ordered query per (re)start: a query paged by OFFSET or by key would sort (and compute, e.g. parse every
            // vCard of) the whole result once per page, quadratic in the rows.
            String sql = "SELECT * FROM (" + spec.query() + ") source_rows" + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                    + " ORDER BY " + spec.sortKey() + " ASC";
            ParsedSql parsed = NamedParameterUtils.parseSqlStatement(sql);
            MapSqlParameterSource bound = new MapSqlParameterSource(values);
            delegate = new JdbcCursorItemReader<>(dataSource, NamedParameterUtils.substituteNamedParameters(parsed, bound), this::map);
            delegate.setPreparedStatementSetter(new ArgumentPreparedStatementSetter(NamedParameterUtils.buildValueArray(parsed, bound, null)));
            delegate.setName("jdbc-source");
            // The position is this class's (the key after which to go on), not the delegate's row count.
            delegate.setSaveState(false);
            // PostgreSQL streams a result in fetch-size pages only inside a transaction; with auto-commit it loads all rows.
            delegate.setConnectionAutoCommit(false);
            delegate.setFetchSize(FETCH_SIZE);
            delegate.setVerifyCursorPosition(false);
            delegate.open(new ExecutionContext());
        } catch (SourceException e) {
            throw e;
        } catch (Exception e) {
            close();
            throw JdbcConnections.failure(spec, e, false);
        }
    }

    private SourceRecord map(ResultSet rs, int rowNum) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        if (columns.get() == null) {
            List<String> headers = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                headers.add(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
            }
            columns.set(ColumnMapping.resolve(spec.describe(), headers, spec.columns(), required));
        }
        String[] values = new String[meta.getColumnCount()];
        for (int i = 1; i <= values.length; i++) {
            values[i - 1] = rs.getString(i);
        }
        lastKey = rs.getObject(spec.sortKey());
        return new SourceRecord(spec.sortKey() + "=" + rs.getString(spec.sortKey()), columns.get(), values, null);
    }

    @Override
    public SourceRecord read() throws Exception {
        try {
            SourceRecord row = delegate.read();
            if (row != null) {
                readCount++;
            }
            return row;
        } catch (SourceException e) {
            throw e;
        } catch (Exception e) {
            throw JdbcConnections.failure(spec, e, false);
        }
    }

    @Override
    public void update(ExecutionContext executionContext) throws ItemStreamException {
        // Called as a chunk commits; the cursor reads no row ahead, so the last row read is the chunk's last.
        if (lastKey != null) {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put(spec.sortKey(), lastKey);
            executionContext.put(START_AFTER, after);
            executionContext.putInt(READ_COUNT, readCount);
        }
    }

    @Override
    public void close() {
        if (delegate != null) {
            delegate.close();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }

    /**
     * The values of the named parameters the query uses (others are not passed: with none, the reader would bind
     * them as positional ones); a name the run does not give is an error.
     */
    private Map<String, Object> usedParameters() {
        Map<String, Object> used = new HashMap<>();
        Matcher names = NAMED_PARAMETER.matcher(spec.query().replaceAll("'[^']*'", "''"));
        while (names.find()) {
            String name = names.group(1);
            if (!queryParameters.containsKey(name)) {
                throw new SourceException(spec.describe() + ": the query uses :" + name + ", which this run does not give (run with "
                        + name + "=...)");
            }
            used.put(name, queryParameters.get(name));
        }
        return used;
    }

    /** A partition's key range as conditions on the sort key, their values put in values. */
    private List<String> range(ExecutionContext context, Map<String, Object> values) {
        List<String> conditions = new ArrayList<>();
        if (context.containsKey(EMPTY)) {
            conditions.add("1 = 0");
        }
        if (context.containsKey(FIRST)) {
            conditions.add(spec.sortKey() + " >= :partition_first");
            values.put("partition_first", context.get(FIRST));
        }
        if (context.containsKey(END)) {
            conditions.add(spec.sortKey() + " < :partition_end");
            values.put("partition_end", context.get(END));
        }
        return conditions;
    }

    /**
     * The lower bounds of up to `parts` key ranges holding about as many rows each (NTILE over the sort key),
     * ascending; empty when the query has no rows.
     */
    static List<Object> partitionBounds(SourceSpec.Jdbc spec, int parts, Map<String, Object> queryParameters) {
        JdbcSource source = new JdbcSource(spec, List.of(), queryParameters);
        try (HikariDataSource dataSource = JdbcConnections.open(spec)) {
            String key = spec.sortKey();
            String sql = "SELECT MIN(k) AS bound FROM (SELECT " + key + " AS k, NTILE(" + parts + ") OVER (ORDER BY " + key
                    + ") AS tile FROM (" + spec.query() + ") source_rows WHERE " + key + " IS NOT NULL) tiles GROUP BY tile ORDER BY 1";
            var jdbc = new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(dataSource);
            Long nulls = jdbc.queryForObject("SELECT COUNT(*) FROM (" + spec.query() + ") source_rows WHERE " + key + " IS NULL",
                    source.usedParameters(), Long.class);
            if (nulls != null && nulls > 0) {
                // No key range holds them: they would be read by no partition.
                throw new SourceException(spec.describe() + ": " + nulls + " rows have no " + key + " (NULL); the sort-key must be"
                        + " unique and set on every row");
            }
            return jdbc.query(sql, source.usedParameters(), (rs, row) -> rs.getObject(1));
        } catch (SourceException e) {
            throw e;
        } catch (RuntimeException e) {
            throw JdbcConnections.failure(spec, e, false);
        }
    }
}
