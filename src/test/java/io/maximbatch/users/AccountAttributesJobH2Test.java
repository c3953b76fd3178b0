package io.maximbatch.users;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Account attributes on the default kind of job database, H2. */
@SpringBootTest
class AccountAttributesJobH2Test extends AccountAttributesJobTests {

    @TempDir
    static Path rejects;

    AccountAttributesJobH2Test() {
        super("h");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        sandboxProperties(registry, rejects);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:attributes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }
}
