package io.maximbatch.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.JobTestSupport;
import io.maximbatch.execution.DryRunPlan;
import io.maximbatch.execution.DryRuns;
import io.maximbatch.execution.Executions;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.reconcile.Discrepancy;
import io.maximbatch.reconcile.ReconcileReport;
import io.maximbatch.reconcile.ReconcileService;
import io.maximbatch.report.StepOutcomes;
import io.maximbatch.sandbox.SandboxOptions;
import io.maximbatch.sandbox.SandboxServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Pictures a users CSV gives as avatar_base64 or avatar_file: uploaded as the user (PUT or POST, as the sandbox asks),
 * set once to their download URL, never uploaded again while their bytes are the same; unusable ones rejected
 * (AVATAR_UNUSABLE) while the account migrates; the dry run counts the calls; reconcile expects the uploaded URL.
 */
@SpringBootTest
class AvatarUploadJobTest {

    static final SandboxServer SANDBOX = SandboxServer.start(SandboxOptions.defaults());

    @TempDir
    static Path rejects;

    @TempDir
    Path dir;

    @Autowired
    Executions runs;

    @Autowired
    DryRuns dryRuns;

    @Autowired
    JobFileParser parser;

    @Autowired
    ReconcileService reconcile;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jobDatabase;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        JobTestSupport.sandboxProperties(registry, SANDBOX, rejects);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:avatars-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Test
    void picturesAreUploadedOnceSetToTheirUrlAndReconciled() throws Exception {
        Path jpeg = Files.write(dir.resolve("b.jpg"), AvatarImageTest.JPEG);
        Path big = Files.write(dir.resolve("big.png"), Arrays.copyOf(AvatarImageTest.PNG, AvatarImage.MAX_BYTES + 1));
        Path csv = dir.resolve("users.csv");
        JobTestSupport.write(csv, csv(AvatarImageTest.PNG, jpeg, big));
        Path job = JobTestSupport.jobFile(dir, "avatars", JobTestSupport.usersStep(csv, 10, 10, "reject"));

        assertThat(runs.check(parser.parse(job), Map.of()).problems()).as("validate foresees the unusable pictures")
                .extracting(problem -> problem.line() + " " + problem.rule()).containsExactlyInAnyOrder("5 AVATAR_UNUSABLE", "6 AVATAR_UNUSABLE");
        DryRunPlan.Step planned = dryRuns.plan(job, Map.of(), false, n -> { }).step("users-attributes");
        assertThat(planned.items()).containsEntry("GET /file/upload/avatar/user", 2L).containsEntry("PUT|POST upload_url", 2L)
                .containsEntry("POST /user/avatar/batch", 3L);
        assertThat(SANDBOX.state().executedUpdates()).as("a dry run uploads nothing").doesNotContainKey("upload");

        JobExecution first = runs.run(parser.parse(job), Map.of(), false, n -> { });

        assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(SANDBOX.state().usersByName()).as("every account migrates").containsKeys("ann", "ben", "cid", "dan", "eve");
        assertThat(download(avatar("ann"))).isEqualTo(AvatarImageTest.PNG);
        assertThat(download(avatar("ben"))).isEqualTo(AvatarImageTest.JPEG);
        assertThat(avatar("cid")).isEqualTo("https://cdn.example.com/cid.png");
        assertThat(avatar("dan")).isNull();
        assertThat(avatar("eve")).isNull();
        assertThat(SANDBOX.state().executedUpdates()).containsEntry("upload", 2L).containsEntry("avatar", 3L);
        assertThat(SANDBOX.state().servedByCall()).as("both methods").containsKeys("PUT /oss/avatar", "POST /oss/avatar");
        StepOutcomes attributes = step(first, "users-attributes");
        assertThat(attributes.rejected()).isEqualTo(2);
        assertThat(rejectReports()).contains("AVATAR_UNUSABLE").contains("the picture is over 5 MB")
                .contains("the picture is not PNG, JPEG or GIF").contains("(28 base64 characters)").doesNotContain("ZGFuJ3Mgbm90");
        ReconcileReport report = reconcile.reconcile(parser.parse(job), Map.of());
        assertThat(report.discrepancies()).as("the uploaded URLs are the ones expected").isEmpty();

        JobExecution again = runs.run(parser.parse(job), Map.of(), true, n -> { });
        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(SANDBOX.state().executedUpdates()).as("a re-run uploads nothing").containsEntry("upload", 2L).containsEntry("avatar", 3L);
        assertThat(SANDBOX.state().servedByCall()).containsEntry("GET /file/upload/avatar/user", 2L);

        // ann's picture changes: only it goes again, and reconcile expects its new URL.
        byte[] changed = Arrays.copyOf(AvatarImageTest.PNG, AvatarImageTest.PNG.length + 1);
        JobTestSupport.write(csv, csv(changed, jpeg, big));
        String before = avatar("ann");
        runs.run(parser.parse(job), Map.of(), true, n -> { });
        assertThat(SANDBOX.state().executedUpdates()).containsEntry("upload", 3L).containsEntry("avatar", 4L);
        assertThat(avatar("ann")).isNotEqualTo(before);
        assertThat(download(avatar("ann"))).isEqualTo(changed);
        assertThat(reconcile.reconcile(parser.parse(job), Map.of()).discrepancies()).isEmpty();
    }

    @Test
    void reconcileReportsAnAvatarThatIsNotTheUploadedOne() throws Exception {
        Path csv = dir.resolve("other.csv");
        JobTestSupport.write(csv, "legacy_id,username,password,avatar_base64\nF1,fay,pw-f," + Base64.getEncoder().encodeToString(AvatarImageTest.GIF) + "\n");
        Path job = JobTestSupport.jobFile(dir, "avatar-drift", JobTestSupport.usersStep(csv, 10, 10, "reject"));
        runs.run(parser.parse(job), Map.of(), false, n -> { });
        assertThat(download(avatar("fay"))).isEqualTo(AvatarImageTest.GIF);
        assertThat(reconcile.reconcile(parser.parse(job), Map.of()).discrepancies()).isEmpty();

        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(SANDBOX.endpoint() + "/user/avatar/batch"))
                .header("app_id", "sandbox").header("access-token", "sandbox-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"list\":[{\"user_id\":" + SANDBOX.state().usersByName().get("fay")
                        + ",\"avatar\":\"https://elsewhere.example.com/x.png\"}]}")).build(), HttpResponse.BodyHandlers.discarding());

        assertThat(reconcile.reconcile(parser.parse(job), Map.of()).discrepancies()).singleElement()
                .satisfies(d -> assertThat(d.toString()).contains("avatar").contains("https://elsewhere.example.com/x.png"));
    }

    @Test
    void aRunKilledAfterSettingAnUploadedAvatarReadsItBackAndUploadsNothing() throws Exception {
        Path csv = dir.resolve("killed.csv");
        JobTestSupport.write(csv, "legacy_id,username,password,avatar_base64\nK1,kim,pw-k," + Base64.getEncoder().encodeToString(AvatarImageTest.PNG) + "\n");
        Path job = JobTestSupport.jobFile(dir, "avatar-killed", JobTestSupport.usersStep(csv, 10, 10, "reject"));
        runs.run(parser.parse(job), Map.of(), false, n -> { });
        Map<String, Long> before = SANDBOX.state().executedUpdates();
        // As a run killed after /user/avatar/batch leaves the ledger: PENDING, with the URL it uploaded to, nothing applied.
        assertThat(jobDatabase.update("UPDATE applied_state SET pending_hash = applied_hash, pending_value = applied_value, applied_hash = NULL,"
                + " applied_value = NULL WHERE entity = 'user:K1' AND attribute = 'avatar'")).isEqualTo(1);

        JobExecution again = runs.run(parser.parse(job), Map.of(), true, n -> { });

        assertThat(step(again, "users-attributes").written()).as("applied now, as the read-back shows").isEqualTo(1);
        assertThat(SANDBOX.state().executedUpdates()).as("no upload, no second avatar call")
                .containsEntry("upload", before.get("upload")).containsEntry("avatar", before.get("avatar"));
        assertThat(download(avatar("kim"))).isEqualTo(AvatarImageTest.PNG);
        assertThat(reconcile.reconcile(parser.parse(job), Map.of()).discrepancies()).isEmpty();
    }

    private static String csv(byte[] png, Path jpeg, Path big) {
        return "legacy_id,username,password,avatar,avatar_base64,avatar_type,avatar_file\n"
                + "A1,ann,pw-a,," + Base64.getEncoder().encodeToString(png) + ",image/png,\n"
                + "B1,ben,pw-b,,,," + jpeg.toAbsolutePath() + "\n"
                + "C1,cid,pw-c,https://cdn.example.com/cid.png,,,\n"
                + "D1,dan,pw-d,," + Base64.getEncoder().encodeToString("dan's not a picture".getBytes()) + ",image/png,\n"
                + "E1,eve,pw-e,,,," + big.toAbsolutePath() + "\n";
    }

    private static String avatar(String name) {
        var account = SANDBOX.state().accounts().get(SANDBOX.state().usersByName().get(name));
        return account == null ? null : account.avatar();
    }

    private static byte[] download(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    private static StepOutcomes step(JobExecution execution, String name) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).map(StepOutcomes::of).findFirst().orElseThrow();
    }

    private static String rejectReports() throws Exception {
        try (Stream<Path> files = Files.walk(rejects)) {
            return files.filter(Files::isRegularFile).map(f -> {
                try {
                    return Files.readString(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.joining("\n"));
        }
    }
}
