package io.maximbatch.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobTestSupport;
import io.maximbatch.StatementCounter;
import io.maximbatch.execution.Executions;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** GET /api/executions reads the job database with as many statements for 30 executions as for 2. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=servlet", "maxim.admin.token=" + ExecutionListQueriesTest.TOKEN})
@Import(StatementCounter.class)
class ExecutionListQueriesTest {

    static final String TOKEN = "test-admin-token-queries-0123456789";
    private static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());

    @TempDir
    static Path dir;

    @LocalServerPort
    int port;

    @Autowired
    Executions executions;

    @Autowired
    JobFileParser parser;

    @Autowired
    StatementCounter statements;


    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.sandboxProperties(registry, SANDBOX, dir.resolve("rejects"));
        registry.add("maxim.jobs-dir", dir::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:queries-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void theListTakesAFixedNumberOfStatementsWhateverTheNumberOfExecutions() throws Exception {
        JobTestSupport.UsersFile users = JobTestSupport.usersCsv(dir, "q", 3, true);
        JobFile job = parser.parse(JobTestSupport.jobFile(dir, "q", JobTestSupport.usersStep(users.file(), 10, 10, "reject")
                + "  - name: friends\n    type: import-rosters\n    source: { csv: " + rosters() + " }\n"));
        AdminHttp http = new AdminHttp(port, TOKEN);

        runs(job, 2);
        long few = statementsFor(http);
        runs(job, 28);
        long many = statementsFor(http);

        assertThat(http.json(http.get("/api/executions"), 200)).hasSize(30);
        assertThat(few).as("the counter sees the statements").isPositive();
        assertThat(many).as("statements for 30 executions").isEqualTo(few).isLessThanOrEqualTo(6);
    }

    private long statementsFor(AdminHttp http) {
        long before = statements.executed();
        JsonNode list = http.json(http.get("/api/executions"), 200);
        assertThat(list.get(0).path("steps")).as("users, users-attributes (its nicknames), friends").hasSize(3);
        return statements.executed() - before;
    }

    private void runs(JobFile job, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            executions.run(job, Map.of(), true, notice -> { });
        }
    }

    private static Path rosters() {
        Path file = dir.resolve("q-rosters.csv");
        JobTestSupport.write(file, "user_legacy_id,friend_legacy_id\nq-L1,q-L2\n");
        return file.toAbsolutePath();
    }
}
