package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

/** A command's context holds the batch application without what only `serve` uses. */
class CommandContextTest {

    @Test
    void aCommandsContextHasTheJobOperatorButNoHealthEndpointOrMeterRegistry() {
        try (ConfigurableApplicationContext context = BatchContext.start(Map.of(
                "spring.datasource.url", "jdbc:h2:mem:command-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"))) {
            assertThat(context.getBeanNamesForType(JobOperator.class)).isNotEmpty();
            assertThat(context.getBeanNamesForType(HealthEndpoint.class)).isEmpty();
            assertThat(context.getBeanNamesForType(MeterRegistry.class)).isEmpty();
        }
    }

    @Test
    void theFilterIsRegisteredAndLeavesEveryOtherContextAlone() {
        assertThat(SpringFactoriesLoader.loadFactories(AutoConfigurationImportFilter.class, getClass().getClassLoader()))
                .hasAtLeastOneElementOfType(ServeOnlyAutoConfigurations.class);
        ServeOnlyAutoConfigurations filter = new ServeOnlyAutoConfigurations();
        filter.setEnvironment(new MockEnvironment());
        String health = "org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration";
        assertThat(filter.match(new String[] {health}, null)).containsExactly(true);
        filter.setEnvironment(new MockEnvironment().withProperty(ServeOnlyAutoConfigurations.COMMAND, "true"));
        assertThat(filter.match(new String[] {health, "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"}, null))
                .containsExactly(false, true);
    }
}
