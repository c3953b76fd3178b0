package io.maximbatch.campaign;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest
class CampaignJobH2Test extends CampaignJobTests {

    @TempDir
    static Path rejects;

    CampaignJobH2Test() {
        super("h");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        sandboxProperties(registry, rejects);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:campaign-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }
}
