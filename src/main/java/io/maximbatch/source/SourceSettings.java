package io.maximbatch.source;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * maxim.sources.*: which environment variables a job file may read its database's URL, user and password from
 * (names or patterns with `*`), and how long a source may take to connect and to answer a query.
 */
@ConfigurationProperties("maxim.sources")
public record SourceSettings(@DefaultValue({"*_DB_URL", "*_DB_USER", "*_DB_PASSWORD"}) List<String> allowedEnv,
                             @DefaultValue("10s") Duration connectTimeout,
                             @DefaultValue("30s") Duration queryTimeout) {

    /** The settings when none are configured (the defaults above). */
    public static final SourceSettings DEFAULTS = new SourceSettings(List.of("*_DB_URL", "*_DB_USER", "*_DB_PASSWORD"),
            Duration.ofSeconds(10), Duration.ofSeconds(30));

    /** Our own settings' variables, refused whatever is allowed: they hold the MaxIM token and the job database's password. */
    private static final Pattern OWN_VARIABLE = Pattern.compile("(?i)(MAXIM|SPRING)_.*");

    public SourceSettings {
        allowedEnv = allowedEnv == null ? List.of() : allowedEnv.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
        if (connectTimeout == null || connectTimeout.toMillis() < 1000 || queryTimeout == null || queryTimeout.toMillis() < 1000) {
            throw new IllegalArgumentException("maxim.sources.connect-timeout and maxim.sources.query-timeout must be at least 1s");
        }
    }

    /** Why a job file may not read a value from this environment variable (url-env, username-env, password-env), or null. */
    public String envProblem(String variable) {
        if (variable == null) {
            return null;
        }
        if (OWN_VARIABLE.matcher(variable).matches()) {
            return "must not name one of maxim-batch's own settings (MAXIM_*, SPRING_*), got " + variable;
        }
        if (allowedEnv.stream().noneMatch(pattern -> glob(pattern).matcher(variable).matches())) {
            return "may only name a variable the operator allowed (maxim.sources.allowed-env: "
                    + (allowedEnv.isEmpty() ? "none" : String.join(", ", allowedEnv)) + "), got " + variable;
        }
        return null;
    }

    private static Pattern glob(String pattern) {
        return Pattern.compile(java.util.Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
    }
}
