package io.maximbatch.cli;

import io.maximbatch.MaximBatchApplication;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
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

    private static ConfigurableApplicationContext build(Map<String, Object> overrides) {
        return new SpringApplicationBuilder(MaximBatchApplication.class)
                .web(WebApplicationType.NONE)
                .initializers(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("command-line", overrides)))
                .run();
    }
}
