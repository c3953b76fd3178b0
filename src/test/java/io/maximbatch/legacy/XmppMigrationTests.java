package io.maximbatch.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobTestSupport;
import io.maximbatch.TestPostgres;
import io.maximbatch.execution.DryRunPlan;
import io.maximbatch.execution.DryRuns;
import io.maximbatch.execution.Executions;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.report.StepOutcomes;
import io.maximbatch.sandbox.SandboxServer;
import io.maximbatch.step.Check;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * jobs/openfire-migration.yml and jobs/ejabberd-migration.yml as shipped (only their connection lines pointed at a
 * test database: a test cannot set environment variables), on each server's tables in embedded PostgreSQL: validate
 * and the dry run foresee the run, the run leaves MaxIM holding exactly the server's accounts, friendships, remarks and
 * rooms (with their subjects as announcements and their settings), the reject reports say why each other row was left, and a second run sends nothing.
 */
abstract class XmppMigrationTests {

    static final Map<String, String> PARAMETERS = Map.of("xmpp-domain", XmppServerFixture.DOMAIN,
            SharedRosterGroupsFixture.CAP_PARAMETER, String.valueOf(SharedRosterGroupsFixture.CAP));

    @Autowired
    Executions runs;

    @Autowired
    DryRuns dryRuns;

    @Autowired
    JobFileParser parser;

    static void properties(DynamicPropertyRegistry registry, SandboxServer sandbox, Path dir) {
        JobTestSupport.sandboxProperties(registry, sandbox, dir);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:xmpp-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    /** A database of this test's own, with the server's tables filled by the fixture. */
    static String database(String name, java.util.function.Consumer<JdbcTemplate> tables) {
        String url = TestPostgres.newDatabaseUrl(name);
        tables.accept(new JdbcTemplate(new DriverManagerDataSource(url, "postgres", "")));
        return url;
    }

    void migrates(SandboxServer sandbox, Path dir, JobFile job, boolean openfire) throws Exception {
        // validate: the rows the run will reject, and only those.
        Check check = runs.check(job, PARAMETERS);
        assertThat(check.problems().stream().map(p -> p.rule()).sorted().toList())
                .containsExactly("AVATAR_UNUSABLE", "NO_LOCAL_OWNER", "REMOTE_JID", "REMOTE_JID", "UNKNOWN_FRIEND", "UNKNOWN_USER");

        // The dry run: names rewritten, passwords derived, friendships and groups, without a call that writes.
        DryRunPlan plan = dryRuns.plan(job.path(), PARAMETERS, false, notice -> { });
        assertThat(plan.step("users").written()).isEqualTo(14);
        DryRunPlan.Step planned = plan.step("friends");
        long shared = SharedRosterGroupsFixture.friendships(openfire).size();
        assertThat(List.of(planned.written(), planned.filtered(), planned.rejected())).containsExactly(5L + shared, 3L, 2L);
        assertThat(plan.step("friends-remarks").written()).isEqualTo(3);
        DryRunPlan.Step blocks = plan.step("blocks");
        assertThat(List.of(blocks.read(), blocks.written(), blocks.rejected(), blocks.filtered())).isEqualTo(XmppBlocklists.COUNTS);
        assertThat(blocks.calls().get("POST /roster/block")).as("one block call per block").isEqualTo(4L);
        assertThat(sandbox.state().usersByName()).isEmpty();

        Map<String, Long> callsBefore = sandbox.state().servedByCall();
        Map<String, Long> itemsBefore = sandbox.itemsByCall();
        JobExecution execution = runs.run(job, PARAMETERS, false, notice -> { });
        // The run sends exactly what its dry run recorded, endpoint by endpoint, and counts what it counted.
        assertThat(JobTestSupport.writesSince(callsBefore, sandbox.state().servedByCall())).isEqualTo(plan.total().calls());
        assertThat(JobTestSupport.writesSince(itemsBefore, sandbox.itemsByCall())).isEqualTo(plan.total().items());
        for (DryRunPlan.Step step : plan.steps()) {
            StepOutcomes done = execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(step.name()))
                    .map(StepOutcomes::of).findFirst().orElseThrow();
            assertThat(List.of(done.read(), done.written(), done.updated(), done.alreadyDone(), done.rejected(), done.filtered()))
                    .as(step.name()).containsExactly(step.read(), step.written(), step.updated(), step.alreadyDone(), step.rejected(),
                            step.filtered());
        }

        assertThat(execution.getStatus()).as(execution.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        XmppServerFixture.assertMigrated(sandbox.state(), sandbox.endpoint(), openfire);
        StepExecution friends = step(execution, "friends");
        assertThat(friends.getReadCount()).isEqualTo(10 + shared);
        assertThat(JobTestSupport.writesSince(itemsBefore, sandbox.itemsByCall()).get("POST /user/add_roster"))
                .as("each friendship sent once, shared groups' merged with the roster's").isEqualTo(5L + shared);
        StepOutcomes sharedGroups = StepOutcomes.of(step(execution, "shared-groups"));
        assertThat(List.of(sharedGroups.read(), sharedGroups.written(), sharedGroups.filtered()))
                .as("shared groups: read, written, filtered (shown to nobody, no properties)").containsExactly(openfire ? 6L : 4L, 4L, openfire ? 2L : 0L);
        assertThat(friends.getFilterCount()).as("to, from and none entries are not friendships").isEqualTo(3);
        String rejects = rejectReports(dir, job.name());
        assertThat(rejects).contains("REMOTE_JID").contains("zed@jabber.org is not an account of example.org")
                .contains("UNKNOWN_FRIEND").contains("ghost").contains("NO_LOCAL_OWNER")
                .contains("UNKNOWN_USER").contains("legacy user ghost is not registered in MaxIM")
                .contains("zed@jabber.org is not an account of example.org: MaxIM blocks only its own users");
        assertThat(sandbox.state().servedByCall().get("POST /roster/block")).as("each block sent once").isEqualTo(4L);
        assertThat(rejects).contains("AVATAR_UNUSABLE").contains("the picture is not PNG, JPEG or GIF");
        assertThat(rejects).doesNotContain("anna-pass").doesNotContain("jd-pass");

        // A second run of the same database sends nothing that writes.
        long requests = sandbox.state().requestsServed();
        Map<String, Long> before = sandbox.state().servedByCall();
        JobExecution again = runs.run(job, PARAMETERS, true, notice -> { });
        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, Long> after = sandbox.state().servedByCall();
        for (String call : List.of("POST /user/register/batch", "POST /user/add_roster", "POST /group/create", "POST /group/invite",
                "POST /group/admin/add", "POST /roster/ext", "POST /user/update", "POST /group/announcement/edit",
                "POST /group/settings/history_visible", "POST /group/settings/allow_member_invitation",
                "POST /group/settings/require_admin_approval", "POST /group/settings/allow_member_modify", "POST /roster/block",
                "GET /file/upload/avatar/user", "PUT /oss/avatar", "POST /oss/avatar", "POST /user/avatar/batch", "POST /group/display_name",
                "POST /group/block")) {
            assertThat(after.getOrDefault(call, 0L)).as("%s on the second run (%d requests before)", call, requests)
                    .isEqualTo(before.getOrDefault(call, 0L));
        }
        XmppServerFixture.assertMigrated(sandbox.state(), sandbox.endpoint(), openfire);
    }

    private static StepExecution step(JobExecution execution, String name) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst().orElseThrow();
    }

    private static String rejectReports(Path dir, String job) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(job) && f.toString().endsWith(".csv")).map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.joining("\n"));
        }
    }

    /** The shipped job file with its connection read from the test database instead of environment variables. */
    JobFile jobFile(Path dir, String name, String url, String env) throws IOException {
        String text = Files.readString(Path.of("jobs", name + ".yml"))
                .replace("url-env: " + env + "_DB_URL", "url: " + url)
                .replace("username-env: " + env + "_DB_USER", "username: postgres")
                .replace("password-env: " + env + "_DB_PASSWORD", "");
        assertThat(text).doesNotContain("-env: " + env);
        Path file = dir.resolve(name + ".yml");
        Files.writeString(file, text);
        return parser.parse(file);
    }
}
