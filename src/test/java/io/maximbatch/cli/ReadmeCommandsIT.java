package io.maximbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.maximbatch.cli.DocsTest.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands of README.md, docs/*.md and bench/README.md that need no setup, and the errors a new user meets
 * first, run from the project folder. A command needs no setup when it is shown as `java -jar
 * target/maxim-batch.jar ...` (no environment variables or JVM options before it) and is `--help`, `validate` or
 * `run ... --sandbox` of a job file that reads no environment variable (no database, no key): nothing outside the
 * project folder. The others (against MaxIM, a database, `serve`) are checked by DocsTest to be commands
 * maxim-batch knows.
 */
class ReadmeCommandsIT {

    private static final Path PROJECT = DocsTest.PROJECT;
    private static final List<String> SANDBOX_RUN = List.of("run", "jobs/legacy-migration.yml", "--sandbox");
    private static final List<String> VALIDATE = List.of("validate", "jobs/legacy-migration.yml");

    @TempDir
    Path dir;

    @Test
    void theMainJobCompletesInTheSandboxAndReportsEveryBrokenSampleRow() throws Exception {
        assertThat(documentedArguments()).as("the README's set-up command").contains(SANDBOX_RUN);
        Path output = dir.resolve("output.txt");
        Path rejects = dir.resolve("rejects");

        int exit = JarRunner.run(PROJECT, output, Map.of("MAXIM_REJECTS_DIR", rejects.toString(),
                        "MAXIM_REPORTS_DIR", dir.resolve("reports").toString()),
                SANDBOX_RUN.toArray(String[]::new));

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
        assertThat(documentedArguments()).as("the README's first step of a migration").contains(VALIDATE);
        Path output = dir.resolve("validate.txt");
        int exit = JarRunner.run(PROJECT, output, Map.of(), VALIDATE.toArray(String[]::new));
        String printed = Files.readString(output);
        assertThat(exit).as(printed).isEqualTo(1);
        assertThat(printed).contains("sample-data/users.csv: 14 row(s) would be rejected", "line 43: username is empty",
                "line 299: expected 9 columns, found 2", "sample-data/rosters.csv: 5 row(s)", "line 411: friend_legacy_id is empty",
                "sample-data/groups.csv: 2 row(s)", "sample-data/group_members.csv: 5 row(s)", "line 181: member L00288",
                "jobs/legacy-migration.yml: 26 row(s) would be rejected");
        assertThat(printed).doesNotContain("password1").doesNotContain("Exception");
    }

    @Test
    void everyOtherCommandOfTheDocsThatNeedsNoSetupRuns() throws Exception {
        List<Command> commands = DocsTest.commands().stream().filter(ReadmeCommandsIT::needsNoSetup).toList();
        List<List<String>> distinct = commands.stream().map(Command::args).distinct()
                .filter(args -> !args.equals(SANDBOX_RUN) && !args.equals(VALIDATE)).toList();
        assertThat(distinct).as("commands that need no setup, besides the two tests above").isNotEmpty();
        for (List<String> args : distinct) {
            Command shown = commands.stream().filter(c -> c.args().equals(args)).findFirst().orElseThrow();
            Path output = dir.resolve("command-" + distinct.indexOf(args) + ".txt");
            int exit = JarRunner.run(PROJECT, output, Map.of("MAXIM_REJECTS_DIR", dir.resolve("rejects").toString(),
                    "MAXIM_REPORTS_DIR", dir.resolve("reports").toString()), args.toArray(String[]::new));
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            // validate exits 1 when rows would be rejected, as the sample data's broken rows are.
            assertThat(exit).as(shown + "\n" + printed).isIn(args.get(0).equals("validate") ? List.of(0, 1) : List.of(0));
            assertThat(printed).as(shown.toString()).doesNotContain("\tat ").doesNotContain("Exception");
        }
    }

    private static List<List<String>> documentedArguments() {
        return DocsTest.commands().stream().filter(Command::plain).map(Command::args).toList();
    }

    /** Shown as run, and runs with nothing but the project folder (see the class comment). */
    static boolean needsNoSetup(Command command) {
        List<String> args = command.args();
        if (!command.plain() || args.isEmpty() || args.stream().anyMatch(a -> a.contains("<") || a.contains("..."))) {
            return false;
        }
        boolean runnable = args.contains("--help") || args.get(0).equals("validate")
                || args.get(0).equals("run") && args.contains("--sandbox");
        return runnable && args.stream().filter(a -> a.endsWith(".yml")).allMatch(ReadmeCommandsIT::readsNoEnvironment);
    }

    private static boolean readsNoEnvironment(String jobFile) {
        Path path = PROJECT.resolve(jobFile);
        try {
            return Files.isRegularFile(path) && !Files.readString(path, StandardCharsets.UTF_8).contains("-env:");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
