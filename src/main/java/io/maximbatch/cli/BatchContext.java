package io.maximbatch.cli;

import io.maximbatch.MaximBatchApplication;
import io.maximbatch.report.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.BindException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;

/** Starts the Spring context a command needs: job database (migrated by Flyway), job repository, MaxIM client. */
final class BatchContext {

    private BatchContext() {
    }

    /** overrides win over every other source, environment variables included (used by --sandbox). */
    static ConfigurableApplicationContext start(Map<String, Object> overrides) {
        try {
            return build(overrides);
        } catch (RuntimeException e) {
            throw new StartupException(Messages.of(e), e);
        }
    }

    /** The job database, a migration or a setting kept the application from starting; exit code 2. */
    static final class StartupException extends RuntimeException {
        StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The property that holds the admin API's bearer token. */
    static final String ADMIN_TOKEN = "maxim.admin.token";

    /** Where a generated admin token is written (readable by its owner only), unless maxim.admin.token-file says. */
    static final String TOKEN_FILE = "maxim.admin.token-file";
    /** The shortest admin token `serve` accepts: a guessable token would open the API. */
    static final int MIN_TOKEN = 32;

    /** A started `serve` context; tokenFile is where the admin token made up at start-up was written, or null when one was configured. */
    record Server(ConfigurableApplicationContext context, Path tokenFile) {
    }

    /** Starts the context of `serve`: the servlet web server on the port, and an admin token generated if none is set. */
    static Server startServer(Map<String, Object> overrides, int port) {
        Map<String, Object> all = new HashMap<>(overrides);
        all.put("spring.main.web-application-type", "servlet");
        all.put("server.port", String.valueOf(port));
        all.putIfAbsent("logging.level.io.maximbatch.step.internal.StepLog", "INFO");
        AdminToken token = new AdminToken(all);
        try {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(MaximBatchApplication.class)
                    .web(WebApplicationType.SERVLET)
                    .listeners(new ServeEnvironment(all), new ConsoleLog.PrivateLogFile(), new ConsoleLog(), token)
                    .run();
            DataFolder.restrict(context.getEnvironment());
            return new Server(context, token.tokenFile);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
                if (cause instanceof BindException) {
                    throw new StartupException("cannot serve the admin API on port " + port + " (" + cause.getMessage()
                            + "); choose another with --port, or set server.address", e);
                }
            }
            throw new StartupException(Messages.of(e), e);
        }
    }

    /**
     * Adds serve's settings when the environment is ready: before Spring binds spring.main.* (so that the web type
     * holds) and before logging is set up (so that its log levels hold). The admin API listens on 127.0.0.1 unless
     * server.address says otherwise.
     */
    private static final class ServeEnvironment implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

        private final Map<String, Object> settings;

        ServeEnvironment(Map<String, Object> settings) {
            this.settings = settings;
        }

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            ConfigurableEnvironment environment = event.getEnvironment();
            environment.getPropertySources().addFirst(new MapPropertySource("command-line", settings));
            if (environment.getProperty("server.address") == null) {
                settings.put("server.address", "127.0.0.1");
            }
            DataFolder.create(environment);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    /**
     * Checks the configured admin token (long enough), or generates one into a file only its owner can read (never to
     * the output or the log), once logging is set up: a refusal then ends in the command's one line (exit code 2), not
     * in a stack trace printed by logging's defaults.
     */
    private static final class AdminToken implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

        private final Map<String, Object> settings;
        private Path tokenFile;

        AdminToken(Map<String, Object> settings) {
            this.settings = settings;
        }

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            ConfigurableEnvironment environment = event.getEnvironment();
            String token = environment.getProperty(ADMIN_TOKEN);
            if (token != null && !token.isBlank() && token.length() < MIN_TOKEN) {
                throw new IllegalArgumentException(ADMIN_TOKEN + " (MAXIM_ADMIN_TOKEN) must be at least " + MIN_TOKEN + " characters long,"
                        + " got " + token.length() + "; leave it unset and serve generates one");
            }
            if (token == null || token.isBlank()) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                tokenFile = Path.of(environment.getProperty(TOKEN_FILE, "./data/admin-token")).toAbsolutePath().normalize();
                try (Writer out = PrivateFiles.writer(tokenFile)) {
                    out.write(generated + System.lineSeparator());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the admin token to " + tokenFile + " (" + TOKEN_FILE + "): " + e.getMessage(), e);
                }
                settings.put(ADMIN_TOKEN, generated);
            }
        }

        @Override
        public int getOrder() {
            return LoggingApplicationListener.DEFAULT_ORDER + 2;
        }
    }

    private static ConfigurableApplicationContext build(Map<String, Object> overrides) {
        Map<String, Object> settings = new HashMap<>(overrides);
        settings.put(ServeOnlyAutoConfigurations.COMMAND, "true");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(MaximBatchApplication.class)
                .web(WebApplicationType.NONE)
                .listeners(new ConsoleLog.PrivateLogFile(), new ConsoleLog())
                .initializers(started -> {
                    started.getEnvironment().getPropertySources().addFirst(new MapPropertySource("command-line", settings));
                    DataFolder.create(started.getEnvironment());
                })
                .run();
        DataFolder.restrict(context.getEnvironment());
        return context;
    }
}
