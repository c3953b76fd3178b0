package io.maximbatch.jobfile;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.OptBoolean;
import io.maximbatch.source.SourceSettings;
import io.maximbatch.source.SourceSpec;
import jakarta.validation.Valid;
import java.nio.file.Path;
import java.util.Map;

/**
 * A source as a job file gives it: `csv: path` (relative to the working directory) or `jdbc: {...}` (`sql:` is the
 * same, for audiences), with `columns: {our_name: their_header}`. Checked by {@link Readable}.
 *
 * @param workingDir where relative paths start; set by the parser, never read from the file
 * @param sourceSettings the operator's maxim.sources.* (allowed variables, timeouts); set by the parser, never read from the file
 */
public record SourceKeys(String csv, @Valid JdbcKeys jdbc, @Valid JdbcKeys sql, Map<String, String> columns,
                         @JacksonInject(value = SettingsBinder.WORKING_DIR, useInput = OptBoolean.FALSE) Path workingDir,
                         @JacksonInject(value = SettingsBinder.SOURCE_SETTINGS, useInput = OptBoolean.FALSE) SourceSettings sourceSettings) {

    /** The message when a step's source is not given (braces escaped: Bean Validation reads them as parameters). */
    public static final String MISSING = "missing: expected \\{ csv: path/to/file.csv \\} or \\{ jdbc: \\{...\\} \\}";

    public SourceKeys {
        columns = columns == null ? Map.of() : Map.copyOf(columns);
    }

    /** The source to read: a CSV file at its absolute path, or a query (whose password comes from the environment). */
    public SourceSpec spec() {
        if (csv != null) {
            return new SourceSpec.Csv(workingDir.resolve(csv).normalize(), columns);
        }
        return jdbcSpec();
    }

    /** The database source given (jdbc: or sql:), whatever else is given beside it. */
    SourceSpec.Jdbc jdbcSpec() {
        JdbcKeys keys = jdbc != null ? jdbc : sql;
        return new SourceSpec.Jdbc(keys.url(), keys.urlEnv(), keys.username(), keys.usernameEnv(), keys.passwordEnv(), keys.query(),
                keys.sortKey(), columns, sourceSettings);
    }

    /** How many kinds of source are given (exactly one is expected). */
    int kinds() {
        return (csv != null ? 1 : 0) + (jdbc != null ? 1 : 0) + (sql != null ? 1 : 0);
    }
}
