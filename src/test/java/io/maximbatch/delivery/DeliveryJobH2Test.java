package io.maximbatch.delivery;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest
class DeliveryJobH2Test extends DeliveryJobTests {

    @TempDir
    static Path rejects;

    DeliveryJobH2Test() {
        super("h");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        sandboxProperties(registry, rejects);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:delivery-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }
}
