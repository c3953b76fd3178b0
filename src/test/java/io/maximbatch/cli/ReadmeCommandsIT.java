package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main command and the errors a new user meets first, run from the project folder. */
class ReadmeCommandsIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void theMainJobCompletesInTheSandboxAndReportsEveryBrokenSampleRow() throws Exception {
        Path output = dir.resolve("output.txt");
        Path rejects = dir.resolve("rejects");

        int exit = JarRunner.run(PROJECT, output, Map.of("MAXIM_REJECTS_DIR", rejects.toString(),
                        "MAXIM_REPORTS_DIR", dir.resolve("reports").toString()),
                "run", "jobs/legacy-migration.yml", "--sandbox");

        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("nothing reaches MaxIM", "Step users: COMPLETED", "read 298, written 284, updated 0, already done 0, rejected 14",
                "Step friends: COMPLETED  read 606, written 600, updated 0, already done 1, rejected 5",
                "Step groups: COMPLETED  read 12, written 10, updated 0, already done 0, rejected 2",
                "Step groups-members: COMPLETED  read 229, written 221, updated 0, already done 3, rejected 5",
                "Step users-attributes: COMPLETED  read 298, written 284, updated 0, already done 0, rejected 2, filtered 12",
                "Step friends-remarks: COMPLETED  read 606, written 74,", "Step groups-admins: COMPLETED  read 229, written 10,",
                "Account attributes: checked 284 accounts, differing 0; remarks: checked 74, differing 0; admins: expected 10, missing 0",
                "Complete: nothing the sources expect is missing.");
        List<String> report = Files.readAllLines(rejects.resolve("legacy-migration-1-users.csv"));
        assertThat(report).hasSize(15);
        assertThat(report.subList(1, report.size())).extracting(l -> l.substring(0, l.indexOf(',')))
                .containsExactly("\"43\"", "\"63\"", "\"83\"", "\"103\"", "\"123\"", "\"143\"", "\"163\"", "\"183\"",
                        "\"203\"", "\"223\"", "\"243\"", "\"263\"", "\"298\"", "\"299\"");
        assertThat(String.join("\n", report)).doesNotContain("pw-");
    }

    @Test
    void aRunWithoutAnEndpointSaysWhatIsMissingAndExitsWith2() throws Exception {
        Path output = dir.resolve("output.txt");
        int exit = JarRunner.run(PROJECT, output, Map.of("SPRING_DATASOURCE_URL", "jdbc:h2:mem:x", "MAXIM_REJECTS_DIR", dir.toString()),
                "run", "jobs/legacy-migration.yml");
        assertThat(exit).isEqualTo(2);
        assertThat(Files.readString(output)).contains("maxim.api-endpoint is not set (MAXIM_API_ENDPOINT)").doesNotContain("\tat ");
    }

    @Test
    void aJobFileWithThreeMistakesGetsAllThreeNamed() throws Exception {
        Path job = dir.resolve("broken.yml");
        Files.writeString(job, """
                name: Broken_Job
                colour: blue
                steps:
                  - name: users
                    type: register-users
                    source: { csv: no/such/file.csv }
                """);
        Path output = dir.resolve("output.txt");
        int exit = JarRunner.run(PROJECT, output, Map.of(), "validate", job.toString());
        String printed = Files.readString(output);
        assertThat(exit).isEqualTo(2);
        assertThat(printed).contains(job + ": name:", job + ": colour: unknown key", job + ": steps[0].source.csv: file not found");
    }

    @Test
    void validateListsEveryBrokenRowOfTheSampleDataAndExitsOne() throws Exception {
        Path output = dir.resolve("validate.txt");
        int exit = JarRunner.run(PROJECT, output, Map.of(), "validate", "jobs/legacy-migration.yml");
        String printed = Files.readString(output);
        assertThat(exit).as(printed).isEqualTo(1);
        assertThat(printed).contains("sample-data/users.csv: 14 row(s) would be rejected", "line 43: username is empty",
                "line 299: expected 9 columns, found 2", "sample-data/rosters.csv: 5 row(s)", "line 411: friend_legacy_id is empty",
                "sample-data/groups.csv: 2 row(s)", "sample-data/group_members.csv: 5 row(s)", "line 181: member L00288",
                "jobs/legacy-migration.yml: 26 row(s) would be rejected");
        assertThat(printed).doesNotContain("password1").doesNotContain("Exception");
    }
}
