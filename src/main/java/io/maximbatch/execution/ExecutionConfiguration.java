package io.maximbatch.execution;

import java.util.List;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.JacksonExecutionContextStringSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ExecutionConfiguration {

    /**
     * The value types an execution context may hold: what Spring Batch, our readers and our counts put there. Nothing
     * else is ever instantiated from the job database, which anyone who can write to it could fill.
     */
    static final List<Class<?>> CONTEXT_VALUES = List.of(String.class, Long.class, Integer.class, Double.class, Float.class,
            Short.class, Byte.class, Boolean.class, Character.class, java.math.BigDecimal.class, java.math.BigInteger.class,
            java.sql.Timestamp.class, java.sql.Date.class, java.sql.Time.class, java.util.Date.class, java.time.Instant.class,
            java.time.LocalDate.class, java.time.LocalDateTime.class, java.time.LocalTime.class, java.time.OffsetDateTime.class,
            java.util.HashMap.class, java.util.LinkedHashMap.class, java.util.TreeMap.class, java.util.ArrayList.class,
            java.util.HashSet.class, java.util.LinkedHashSet.class);

    /**
     * Execution contexts as JSON (Spring Batch's Jackson serializer), values typed only with CONTEXT_VALUES, instead of
     * Java serialization. Spring Boot hands it to the job repository; the read side uses it too.
     */
    @Bean
    ExecutionContextSerializer executionContextSerializer() {
        BasicPolymorphicTypeValidator.Builder values = BasicPolymorphicTypeValidator.builder();
        CONTEXT_VALUES.forEach(values::allowIfSubType);
        return new JacksonExecutionContextStringSerializer(JsonMapper.builder().activateDefaultTyping(values.build()).build());
    }
}
