package io.maximbatch.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * The password is read from the named environment variable at run time, never from the file; the URL and the user
     * name are given, or (urlEnv, usernameEnv) read from environment variables too. settings: which variables may be
     * named, and the timeouts (maxim.sources.*).
     */
    record Jdbc(String url, String urlEnv, String username, String usernameEnv, String passwordEnv, String query, String sortKey,
                Map<String, String> columns, SourceSettings settings) implements SourceSpec {

        public Jdbc {
            settings = settings == null ? SourceSettings.DEFAULTS : settings;
        }

        public Jdbc(String url, String username, String passwordEnv, String query, String sortKey, Map<String, String> columns) {
            this(url, null, username, null, passwordEnv, query, sortKey, columns, SourceSettings.DEFAULTS);
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
            String problem = settings.envProblem(variable);
            if (problem != null) {
                throw new SourceException("jdbc " + key + " " + problem);
            }
            String value = System.getenv(variable);
            if (value == null || value.isBlank()) {
                throw new SourceException("jdbc query: environment variable " + variable + " (" + key + ") is not set");
            }
            return value.strip();
        }

        /**
         * What keeps a job file from reading this source, known before connecting, as {key, problem}: a URL of a
         * database not on the list or with a setting it may not carry, a variable the operator did not allow. The
         * parser (validate and run alike) and the connection both ask this.
         */
        public List<String[]> problems() {
            List<String[]> problems = new ArrayList<>();
            String urlProblem = url == null ? null : urlProblem(url);
            if (urlProblem != null) {
                problems.add(new String[] {"url", urlProblem});
            }
            for (String[] env : new String[][] {{"url-env", urlEnv}, {"username-env", usernameEnv}, {"password-env", passwordEnv}}) {
                String problem = settings.envProblem(env[1]);
                if (problem != null) {
                    problems.add(new String[] {env[0], problem});
                }
            }
            return problems;
        }

        @Override
        public String describe() {
            String shown = url != null ? url : System.getenv(urlEnv == null ? "" : urlEnv) != null ? System.getenv(urlEnv) : "$" + urlEnv;
            return "jdbc query on " + masked(shown);
        }

        /** The text with any password a URL in it carries (password=..., //user:password@) replaced by ***. */
        public static String masked(String text) {
            return text.replaceAll("(?i)(password|pwd)=[^&;)\\s]*", "$1=***").replaceAll("//([^/:@\\s]*):[^@/\\s]*@", "//$1:***@");
        }

        /** Why a job file may not connect to this URL, or null. */
        public static String urlProblem(String url) {
            return url == null ? null : SourceDriver.urlProblem(url);
        }
    }
}
