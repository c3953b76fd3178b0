package io.maximbatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.execution.DryRunPlan;
import io.maximbatch.execution.DryRuns;
import io.maximbatch.execution.Executions;
import io.maximbatch.jobfile.JobFileParser;
import io.maximbatch.report.StepOutcomes;
import io.maximbatch.sandbox.SandboxServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The shipped jobs, each first as a dry run and then as the run, against a sandbox without faults: per step the run
 * counts what the plan counted, and the sandbox executes exactly the write calls and items the plan lists per endpoint.
 * The sample migration (attributes, remarks, group settings, admins), the welcome campaign, a delta run after the
 * sources changed, and a prune run. On H2 and on PostgreSQL.
 */
abstract class ShippedJobsDryRunTests {

    private final SandboxServer sandbox;
    private final Path dir;

    @Autowired
    DryRuns dryRuns;

    @Autowired
    Executions runs;

    @Autowired
    JobFileParser parser;

    ShippedJobsDryRunTests(SandboxServer sandbox, Path dir) {
        this.sandbox = sandbox;
        this.dir = dir;
    }

    static void properties(DynamicPropertyRegistry registry, SandboxServer sandbox, Path dir) {
        JobTestSupport.sandboxProperties(registry, sandbox, dir.resolve("rejects"));
    }

    @Test
    void eachShippedJobDoesWhatItsDryRunSaid() throws Exception {
        Path data = copy(Path.of("sample-data"), dir.resolve("sample-data"));
        Path migration = shipped("legacy-migration.yml", data, "");
        agree(migration, Map.of(), false);
        agree(shipped("welcome-campaign.yml", data, ""), Map.of("campaign_date", "2026-12-01"), false);

        // A delta: three users more, two renamed, a friendship more, a remark changed, a member more, a setting changed.
        append(data.resolve("users.csv"), "L90001,delta_one,pw-90001,Delta One,,,,,\nL90002,delta_two,pw-90002,,,,,,\n"
                + "L90003,delta_three,pw-90003,Delta Three,,,weekly-digest,,\n");
        replace(data.resolve("users.csv"), "L00001,kofi_2481,pw-514002,Kofi,", "L00001,kofi_2481,pw-514002,Kofi Renamed,");
        replace(data.resolve("users.csv"), "L00002,umar_801,pw-175954,Umar,", "L00002,umar_801,pw-175954,Umar Renamed,");
        append(data.resolve("rosters.csv"), "L90001,L00001,Old friend\n");
        append(data.resolve("group_members.csv"), "G001,L90002,\n");
        replace(data.resolve("groups.csv"), "G002,Book circle,Moved from the legacy chat (Book circle),L00149,,,,yes",
                "G002,Book circle,Moved from the legacy chat (Book circle),L00149,,yes,,yes");
        DryRunPlan delta = agree(migration, Map.of(), true);
        assertThat(delta.step("users").written()).isEqualTo(3);
        assertThat(delta.step("users-attributes").updated()).isEqualTo(2);
        assertThat(delta.step("groups-settings").updated() + delta.step("groups-settings").written()).isEqualTo(1);

        // Prune: the sources drop a friendship and a membership this job made.
        Path pruning = shipped("legacy-migration.yml", data, "prune");
        replace(data.resolve("rosters.csv"), "L90001,L00001,Old friend\n", "");
        replace(data.resolve("group_members.csv"), "G001,L90002,\n", "");
        DryRunPlan prune = agree(pruning, Map.of(), true);
        assertThat(prune.step("friends-prune").calls()).containsExactly(Map.entry("DELETE /roster/delete", 1L));
        assertThat(prune.step("groups-prune").items()).containsExactly(Map.entry("POST /group/kick", 1L));
    }

    /** The dry run, then the run: the same outcomes per step, the same writes per endpoint; the plan is returned. */
    private DryRunPlan agree(Path job, Map<String, String> parameters, boolean fresh) throws Exception {
        DryRunPlan plan = dryRuns.plan(job, parameters, fresh, notice -> { });
        assertThat(plan.status()).as(plan.cause()).isEqualTo("COMPLETED");
        Map<String, Long> callsBefore = sandbox.state().servedByCall();
        Map<String, Long> itemsBefore = sandbox.itemsByCall();

        JobExecution run = runs.run(parser.parse(job), parameters, fresh, notice -> { });

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, StepOutcomes> steps = run.getStepExecutions().stream().filter(s -> !StepOutcomes.isPartition(s))
                .filter(s -> !s.getStepName().equals("reconcile")).collect(Collectors.toMap(StepExecution::getStepName, StepOutcomes::of));
        assertThat(plan.steps()).extracting(DryRunPlan.Step::name).containsExactlyInAnyOrderElementsOf(steps.keySet());
        for (DryRunPlan.Step planned : plan.steps()) {
            StepOutcomes done = steps.get(planned.name());
            assertThat(List.of(done.read(), done.written(), done.updated(), done.alreadyDone(), done.rejected(), done.filtered()))
                    .as(job.getFileName() + " " + planned.name()).containsExactly(planned.read(), planned.written(), planned.updated(),
                            planned.alreadyDone(), planned.rejected(), planned.filtered());
        }
        assertThat(JobTestSupport.writesSince(callsBefore, sandbox.state().servedByCall())).as("calls").isEqualTo(plan.total().calls());
        assertThat(JobTestSupport.writesSince(itemsBefore, sandbox.itemsByCall())).as("items").isEqualTo(plan.total().items());
        return plan;
    }

    /** A shipped job file reading the copy of the sample data; with prune, its friends and groups steps prune. */
    private Path shipped(String name, Path data, String prune) throws IOException {
        String text = Files.readString(Path.of("jobs", name)).replace("sample-data/", data.toAbsolutePath() + "/");
        if (!prune.isEmpty()) {
            text = text.replace("    mutual: false", "    mutual: false\n    prune: true")
                    .replace("    batch-size: 200                  # members per /group/invite call",
                            "    batch-size: 200\n    prune: true");
        }
        Path job = dir.resolve(prune + name);
        Files.writeString(job, text);
        return job;
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        List<Path> files = new ArrayList<>();
        try (var listed = Files.list(from)) {
            listed.forEach(files::add);
        }
        for (Path file : files) {
            Files.copy(file, to.resolve(file.getFileName()));
        }
        return to;
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, Files.readString(file) + text);
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }
}
