package io.maximbatch.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobTestSupport;
import io.maximbatch.TestPostgres;
import io.maximbatch.sandbox.SandboxState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Campaigns with the job database on PostgreSQL, and an SQL audience from a PostgreSQL database. */
@SpringBootTest
class CampaignJobPostgresTest extends CampaignJobTests {

    @TempDir
    static Path rejects;

    static final String JOB_DB_URL = TestPostgres.newDatabaseUrl("campaigns");
    static final String CRM_URL = TestPostgres.newDatabaseUrl("crm");

    CampaignJobPostgresTest() {
        super("p");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        sandboxProperties(registry, rejects);
        JobTestSupport.postgresJobDatabase(registry, JOB_DB_URL);
    }

    @Test
    void anSqlAudienceBindsJobParametersAsValuesEvenWithAQuoteInThem() throws Exception {
        String p = "psql";
        Path users = users(p, 12);
        runs.run(parser.parse(JobTestSupport.jobFile(dir, p + "-users", usersStep(users))), Map.of(), false, n -> { });
        JdbcTemplate crm = new JdbcTemplate(new DriverManagerDataSource(CRM_URL, "postgres", ""));
        crm.execute("CREATE TABLE customers (id INT PRIMARY KEY, legacy VARCHAR(50), county VARCHAR(50))");
        for (int i = 1; i <= 12; i++) {
            crm.update("INSERT INTO customers VALUES (?, ?, ?)", i, p + "-L" + i, i % 3 == 0 ? "O'Hara" : "Kerry");
        }
        Path job = JobTestSupport.jobFile(dir, p, """
                  - name: local-news
                    type: push-campaign
                    audience:
                      sql:
                        url: %s
                        username: postgres
                        query: SELECT id, legacy AS legacy_id FROM customers WHERE county = :county
                        sort-key: id
                    message: { title: "News for ${county}", body: "x" }
                """.formatted(CRM_URL));
        int before = SANDBOX.state().pushes().size();

        JobExecution execution = runs.run(parser.parse(job), Map.of("county", "O'Hara"), false, n -> { });

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<SandboxState.PushView> pushes = SANDBOX.state().pushes().subList(before, SANDBOX.state().pushes().size());
        Map<Long, String> titles = titlesByUser(pushes);
        assertThat(titles.keySet()).containsExactlyInAnyOrder(userId(p, 3), userId(p, 6), userId(p, 9), userId(p, 12));
        assertThat(titles.values()).containsOnly("News for O'Hara");
        assertThat(crm.queryForObject("SELECT COUNT(*) FROM customers", Integer.class)).as("the quote did not reach the SQL text").isEqualTo(12);
    }
}
