package io.maximbatch.execution;

import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ExecutionConfiguration {

    /** The job repository's serializer of execution contexts (Spring Boot hands it on), which the read side uses too. */
    @Bean
    ExecutionContextSerializer executionContextSerializer() {
        return new DefaultExecutionContextSerializer();
    }
}
