package io.maximbatch.groups;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The create-groups job on the default kind of job database, H2. */
@SpringBootTest
class CreateGroupsJobH2Test extends CreateGroupsJobTests {

    @TempDir
    static Path rejects;

    CreateGroupsJobH2Test() {
        super("h");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        sandboxProperties(registry, rejects);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:groups-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }
}
