package io.maximbatch.campaign;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest
class FrequencyCapJobH2Test extends FrequencyCapJobTests {

    @TempDir
    static Path rejects;

    FrequencyCapJobH2Test() {
        super("hf");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        properties(registry, rejects);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:frequency-cap-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }
}
