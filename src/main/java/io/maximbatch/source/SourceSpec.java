package io.maximbatch.source;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

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

    /**
     * The password is read from the named environment variable at run time, never from the file; the URL and the user
     * name are given, or (urlEnv, usernameEnv) read from environment variables too.
     */
    record Jdbc(String url, String urlEnv, String username, String usernameEnv, String passwordEnv, String query, String sortKey,
                Map<String, String> columns) implements SourceSpec {

        public Jdbc(String url, String username, String passwordEnv, String query, String sortKey, Map<String, String> columns) {
            this(url, null, username, null, passwordEnv, query, sortKey, columns);
        }

        /** The URL to connect to: given, or read from url-env now. */
        public String connectUrl() {
            return url != null ? url : fromEnvironment(urlEnv, "url-env");
        }

        /** The user name: given, or read from username-env now (null: none). */
        public String connectUsername() {
            return usernameEnv == null ? username : fromEnvironment(usernameEnv, "username-env");
        }

        private String fromEnvironment(String variable, String key) {
            String problem = passwordEnvProblem(variable);
            if (problem != null) {
                throw new SourceException("jdbc " + key + " " + problem);
            }
            String value = System.getenv(variable);
            if (value == null || value.isBlank()) {
                throw new SourceException("jdbc query: environment variable " + variable + " (" + key + ") is not set");
            }
            return value.strip();
        }

        /** H2 in any mode but an embedded file or memory database, or with INIT (which runs SQL scripts at connect). */
        private static final Pattern UNSAFE_H2 = Pattern.compile("(?is)jdbc:h2:(?!(?:file|mem):).*|jdbc:h2:.*[;:]\\s*init\\s*=.*");
        /** Our own settings' variables: a job file could send the MaxIM token to a database of its choosing. */
        private static final Pattern OWN_VARIABLE = Pattern.compile("(?i)(MAXIM|SPRING)_.*");

        @Override
        public String describe() {
            String shown = url != null ? url : System.getenv(urlEnv == null ? "" : urlEnv) != null ? System.getenv(urlEnv) : "$" + urlEnv;
            return "jdbc query on " + shown.replaceAll("(?i)password=[^&;]*", "password=***");
        }

        /** Why a job file may not connect to this URL, or null. */
        public static String urlProblem(String url) {
            return url != null && UNSAFE_H2.matcher(url.strip()).matches()
                    ? "an H2 source must be jdbc:h2:file: or jdbc:h2:mem:, without INIT (it would run scripts)" : null;
        }

        /** Why a job file may not read its password from this environment variable, or null. */
        public static String passwordEnvProblem(String variable) {
            return variable != null && OWN_VARIABLE.matcher(variable).matches()
                    ? "must not name one of maxim-batch's own settings (MAXIM_*, SPRING_*), got " + variable : null;
        }
    }
}
