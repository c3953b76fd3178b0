package io.maximbatch.maxim;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** The process-wide MaxIM client: one rate limiter, one pool of in-flight calls. Created when first needed. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MaximProperties.class)
class MaximConfiguration {

    @Bean
    CallGuard callGuard(MaximProperties properties, ObjectProvider<MeterRegistry> meters,
                        @Value("${maxim.internal.dry-run:false}") boolean dryRun) {
        // A dry run's calls are not the process's: its context runs beside a live one, whose gauges are in the global registry.
        return new CallGuard(properties.rateLimit(), properties.retry().settings(), properties.maxInFlight(),
                dryRun ? new SimpleMeterRegistry() : meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    @Bean(destroyMethod = "close")
    @Lazy
    ConcurrentCalls concurrentCalls(MaximProperties properties, CallGuard guard) {
        return new ConcurrentCalls(properties.maxInFlight(), guard::rate);
    }

    @Bean
    @Lazy
    MaximClient maximClient(MaximProperties properties, CallGuard guard, ObjectProvider<WriteRecorder> recorder) {
        MaximTransport transport = new MaximTransport(properties.endpoint(),
                MaximTransport.defaultHttpClient(properties.connectTimeout(), properties.tls().caFile()), properties.timeout());
        return new MaximClient(transport, guard, recorder.getIfAvailable());
    }

    /** A dry run's context answers MaxIM's writes without sending them (DryRuns starts it). */
    @Bean
    @ConditionalOnProperty(name = "maxim.internal.dry-run", havingValue = "true")
    WriteRecorder writeRecorder() {
        return new WriteRecorder();
    }

    @Bean
    @Lazy
    ItemCalls itemCalls(MaximClient maximClient) {
        return new ItemCalls(maximClient);
    }
}
