package io.maximbatch.schedule;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * H2 closes a file database in its own JVM shutdown hook, which would race `serve` stopping a running slot;
 * under `serve` the database closes with the context instead, after the slot has stopped cleanly.
 */
@Component
@ConditionalOnProperty(name = ScheduledJobs.ENABLED, havingValue = "true")
final class H2OpenUntilStopped implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource dataSource && dataSource.getJdbcUrl() != null
                && dataSource.getJdbcUrl().startsWith("jdbc:h2:")
                && !dataSource.getJdbcUrl().toUpperCase().contains("DB_CLOSE_ON_EXIT")) {
            dataSource.setJdbcUrl(dataSource.getJdbcUrl() + ";DB_CLOSE_ON_EXIT=FALSE");
        }
        return bean;
    }
}
