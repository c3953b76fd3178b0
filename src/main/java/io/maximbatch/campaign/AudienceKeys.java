package io.maximbatch.campaign;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.OptBoolean;
import io.maximbatch.jobfile.JdbcKeys;
import io.maximbatch.jobfile.SourceKeys;
import io.maximbatch.source.SourceSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** An audience as a job file gives it: a source (csv, jdbc or sql, with columns), or for pushes tag, alias or all. */
record AudienceKeys(String csv, JdbcKeys jdbc, JdbcKeys sql, Map<String, String> columns, List<String> tag, List<String> alias,
                    Boolean all, @JacksonInject(value = "maxim.working-dir", useInput = OptBoolean.FALSE) Path workingDir,
                    @JacksonInject(value = "maxim.source-settings", useInput = OptBoolean.FALSE) SourceSettings sourceSettings) {

    SourceKeys source() {
        return new SourceKeys(csv, jdbc, sql, columns, workingDir, sourceSettings);
    }

    /** The kinds of audience given: one is expected. */
    long kinds() {
        return java.util.stream.Stream.of(csv, jdbc, sql, tag, alias, all).filter(java.util.Objects::nonNull).count();
    }
}
