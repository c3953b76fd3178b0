package io.maximbatch.cli;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Leaves out of a command's context (run, validate, reconcile, worker, ...) the auto-configurations only `serve` uses:
 * the admin API's web and security stack, actuator endpoints, health, metrics and observations, the OpenAPI document.
 * Measured together with the background pre-initializer turned off (MaximBatchCommand.main), on the 1,000,000-user run
 * under -Xmx256m: about 1,200 fewer classes loaded (Tomcat, Jackson 2 for the actuator, Hibernate Validator's method
 * validation, reactor, micrometer's binders), peak RSS 477 -> 466 MB (medians of 4 and 6 runs; single runs vary by ~10 MB).
 */
// Filters after this one (OnClassCondition, ...) load the classes their conditions name. OnClassCondition has the same
// order; this one runs first because application classes come first on the class path (measured: no Tomcat class loaded).
@Order(Ordered.HIGHEST_PRECEDENCE)
final class ServeOnlyAutoConfigurations implements AutoConfigurationImportFilter, EnvironmentAware {

    /** Set by BatchContext for a command's context; `serve` and the tests' contexts leave it unset. */
    static final String COMMAND = "maxim.internal.command-context";

    private static final List<String> SERVE_ONLY = List.of(
            "org.springframework.boot.actuate.",
            "org.springframework.boot.health.",
            "org.springframework.boot.micrometer.",
            "org.springframework.boot.security.",
            "org.springframework.boot.servlet.",
            "org.springframework.boot.tomcat.",
            "org.springframework.boot.webmvc.",
            "org.springframework.boot.http.converter.",
            "org.springframework.boot.jdbc.autoconfigure.health.",
            "org.springframework.boot.jdbc.autoconfigure.metrics.",
            "org.springframework.boot.batch.autoconfigure.observation.",
            "org.springframework.boot.autoconfigure.ssl.",
            // Job files are checked by SettingsBinder's own validator; this one only adds method validation, unused.
            "org.springframework.boot.validation.",
            "org.springdoc.");

    private boolean command;

    @Override
    public void setEnvironment(Environment environment) {
        command = environment.getProperty(COMMAND, Boolean.class, false);
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] match = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < match.length; i++) {
            String name = autoConfigurationClasses[i];
            match[i] = !command || name == null || SERVE_ONLY.stream().noneMatch(name::startsWith);
        }
        return match;
    }
}
