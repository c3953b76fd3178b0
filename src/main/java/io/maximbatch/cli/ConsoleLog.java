package io.maximbatch.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import io.maximbatch.report.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * What a command's console shows of the log: maxim-batch's own lines, one line each; the libraries' lines and every
 * stack trace go to the log file only (logging.file.name), so that a failure ends in the command's one clear line.
 * With --debug the console shows everything, stack traces included.
 */
final class ConsoleLog implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    /** Set (as a system property) by --debug. */
    static final String DEBUG = "maxim.debug";
    /** The console pattern's exception part: none unless --debug (see application.properties). */
    static final String EXCEPTIONS = "maxim.log.console-exceptions";
    private static final String FAILURES = "io.maximbatch.cli.failure";

    /** Once Spring Boot has set logging up from the environment: the console appender is there to filter. */
    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        boolean debug = Boolean.parseBoolean(event.getEnvironment().getProperty(DEBUG));
        console().ifPresent(console -> console.addFilter(new Filter<>() {
            @Override
            public FilterReply decide(ILoggingEvent line) {
                String logger = line.getLoggerName();
                // A command's failure is printed by the command itself; the log file keeps its stack trace.
                boolean shown = !logger.equals(FAILURES) && (debug || logger.startsWith("io.maximbatch."));
                return shown ? FilterReply.NEUTRAL : FilterReply.DENY;
            }
        }));
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    /** Keeps a command's failure, stack trace included, in the log file, when Spring Boot has set one up. */
    static void record(Throwable failure) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("FILE") != null) {
            LoggerFactory.getLogger(FAILURES).error("command failed: {}", failure.toString(), failure);
        }
    }

    /** Creates the log file, before logging opens it, readable by its owner only: its lines may name people. */
    static final class PrivateLogFile implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            String name = event.getEnvironment().getProperty("logging.file.name");
            if (name == null || name.isBlank() || Files.exists(Path.of(name))) {
                return;
            }
            try {
                PrivateFiles.writer(Path.of(name)).close();
            } catch (IOException | UncheckedIOException e) {
                // Logging says itself that it cannot open its file; the command goes on.
            }
        }

        /** After application.properties is read (which names the file), before logging opens the file. */
        @Override
        public int getOrder() {
            return LoggingApplicationListener.DEFAULT_ORDER - 1;
        }
    }

    private static java.util.Optional<Appender<ILoggingEvent>> console() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            return java.util.Optional.ofNullable(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE"));
        }
        return java.util.Optional.empty();
    }
}
