package io.maximbatch.maxim;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** The process-wide MaxIM client: one rate limiter, one pool of in-flight calls. Created when first needed. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MaximProperties.class)
class MaximConfiguration {

    @Bean
    CallGuard callGuard(MaximProperties properties, ObjectProvider<MeterRegistry> meters) {
        return new CallGuard(properties.rateLimit(), properties.retry().settings(), properties.maxInFlight(),
                meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    @Bean(destroyMethod = "close")
    @Lazy
    ConcurrentCalls concurrentCalls(MaximProperties properties, CallGuard guard) {
        return new ConcurrentCalls(properties.maxInFlight(), guard::rate);
    }

    @Bean
    @Lazy
    MaximClient maximClient(MaximProperties properties, CallGuard guard) {
        MaximTransport transport = new MaximTransport(properties.endpoint(),
                MaximTransport.defaultHttpClient(properties.connectTimeout(), properties.tls().caFile()), properties.timeout());
        return new MaximClient(transport, guard);
    }

    @Bean
    @Lazy
    ItemCalls itemCalls(MaximClient maximClient) {
        return new ItemCalls(maximClient);
    }
}
