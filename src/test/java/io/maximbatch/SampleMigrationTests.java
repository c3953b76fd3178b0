package io.maximbatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.opencsv.CSVReaderHeaderAware;
import io.maximbatch.execution.Executions;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.report.StepOutcomes;
import io.maximbatch.sandbox.SandboxServer;
import io.maximbatch.sandbox.SandboxState.AccountView;
import java.io.FileReader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The sample migration of the README in-process: every registered user carries its row's account attributes in the
 * sandbox, every remark and admin is there, reconcile finds them all, and the weekly-digest tag push that follows
 * reaches exactly the users the sample tags so. On H2 and on PostgreSQL, each with a sandbox of its own.
 */
abstract class SampleMigrationTests {

    private final SandboxServer sandbox;

    @Autowired
    Executions runs;

    @Autowired
    JobFileParser parser;

    SampleMigrationTests(SandboxServer sandbox) {
        this.sandbox = sandbox;
    }

    /** The test's sandbox and report folders. */
    static void properties(DynamicPropertyRegistry registry, SandboxServer sandbox, Path dir) {
        JobTestSupport.sandboxProperties(registry, sandbox, dir.resolve("rejects"));
        registry.add("maxim.reports-dir", () -> dir.resolve("reports").toString());
    }

    @Test
    void everyRegisteredUserCarriesItsAttributesAndATagPushReachesExactlyItsHolders() throws Exception {
        JobExecution migration = runs.run(parser.parse(Path.of("jobs/legacy-migration.yml")), Map.of(), false, n -> { });
        assertThat(migration.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(migration.getStepExecutions()).filteredOn(s -> s.getStepName().equals("reconcile")).singleElement()
                .satisfies(reconcile -> assertThat(StepOutcomes.of(reconcile).summary()).contains(
                        "Account attributes: checked 284 accounts, differing 0; remarks: checked 74, differing 0; admins: expected 10, missing 0"));

        Map<String, Map<String, String>> rows = firstRowByUsername(Path.of("sample-data/users.csv"));
        Map<String, Long> ids = sandbox.state().usersByName();
        Map<Long, AccountView> accounts = sandbox.state().accounts();
        Set<Long> tagged = new HashSet<>();
        assertThat(ids).hasSize(284);
        ids.forEach((username, id) -> {
            Map<String, String> row = rows.get(username);
            AccountView account = accounts.get(id);
            assertThat(account).as(username).isNotNull();
            assertThat(account.nickName()).as(username).isEqualTo(row.get("nickname"));
            assertThat(account.description()).as(username).isEqualTo(blankToNull(row.get("description")));
            assertThat(account.avatar()).as(username).isEqualTo(blankToNull(row.get("avatar")));
            assertThat(account.tags()).as(username).isEqualTo(row.get("tags").isBlank() ? Set.of() : Set.of(row.get("tags").split("\\|")));
            assertThat(account.alias()).as(username).isEqualTo(blankToNull(row.get("push_alias")));
            assertThat(account.disabled()).as(username).isEqualTo("yes".equals(row.get("disabled")));
            if (account.tags().contains("weekly-digest")) {
                tagged.add(id);
            }
        });
        assertThat(tagged).hasSizeGreaterThan(50);
        assertThat(accounts.values()).filteredOn(AccountView::disabled).hasSize(1);

        assertThat(sandbox.state().groups()).filteredOn(g -> !g.destroyed()).flatExtracting(g -> List.copyOf(g.admins()))
                .as("the admins of the sample's member rows").hasSize(10);

        assertThat(sandbox.state().groups()).filteredOn(g -> g.avatar() != null).extracting(g -> g.avatar())
                .as("the sample's group avatars, given at creation").hasSize(4).allMatch(a -> a.startsWith("https://cdn.example.com/groups/G0"));
        assertThat(sandbox.state().remarks().values().stream().mapToInt(Map::size).sum()).as("the sample's remarks of friendships MaxIM has")
                .isEqualTo(74);

        int pushes = sandbox.state().pushes().size();
        assertThat(runs.run(parser.parse(Path.of("jobs/weekly-digest.yml")), Map.of("run-key", "2026-11-30T08:00:00Z"), false, n -> { })
                .getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(sandbox.state().pushes().subList(pushes, sandbox.state().pushes().size())).singleElement()
                .satisfies(push -> assertThat(push.reached()).isEqualTo(tagged));
    }

    private static Map<String, Map<String, String>> firstRowByUsername(Path csv) throws Exception {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        try (CSVReaderHeaderAware reader = new CSVReaderHeaderAware(new FileReader(csv.toFile()))) {
            Map<String, String> row;
            while (true) {
                try {
                    row = reader.readMap();
                } catch (java.io.IOException | com.opencsv.exceptions.CsvValidationException | RuntimeException wrongColumns) {
                    continue;
                }
                if (row == null) {
                    break;
                }
                rows.putIfAbsent(row.get("username"), row);
            }
        }
        return rows;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

}
