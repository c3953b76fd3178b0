package io.maximbatch.source;

import java.nio.file.Path;
import java.util.Map;

/** Where a step reads its records from, as the job file says. `columns` maps our column names to the source's. */
public sealed interface SourceSpec {

    Map<String, String> columns();

    /** A short description for messages and summaries. */
    String describe();

    record Csv(Path file, Map<String, String> columns) implements SourceSpec {
        @Override
        public String describe() {
            return file.toString();
        }
    }

    /** The password is read from the named environment variable at run time, never from the file. */
    record Jdbc(String url, String username, String passwordEnv, String query, String sortKey,
                Map<String, String> columns) implements SourceSpec {
        @Override
        public String describe() {
            return "jdbc query on " + url.replaceAll("(?i)password=[^&;]*", "password=***");
        }
    }
}
