package io.maximbatch.cli;

import io.maximbatch.jobfile.JobFile;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.report.IdMapExport;
import io.maximbatch.report.PrivateFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export-map", mixinStandardHelpOptions = true,
        description = {"Writes the ID map of a job as CSV: legacy_id, legacy_username, username, user_id of every user its runs"
                + " registered or found done, so that the app can tell its users their MaxIM name and link its own accounts.",
                "Exit code: 0 done, 2 bad usage."})
final class ExportMapCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "<job-file>")
    Path jobFile;

    @Option(names = "--out", paramLabel = "FILE", description = "write to FILE (readable by its owner only) instead of standard output")
    Path out;

    @Option(names = "--spreadsheet-safe", description = "for a spreadsheet: a leading ' before a value starting with = + - @ (it would run"
            + " as a formula), control and bidi characters written as \\uXXXX; without it, values exactly as they are")
    boolean spreadsheetSafe;

    @Override
    int run() throws IOException {
        try (ConfigurableApplicationContext context = BatchContext.start(Map.of())) {
            // The map holds no password: the derivation key need not be set.
            JobFile file = jobFileWithoutEnvironment(context, jobFile);
            UserMap map = context.getBean(UserMap.class);
            if (out == null) {
                Writer stdout = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
                IdMapExport.write(map, file.name(), stdout, spreadsheetSafe);
                stdout.flush();
                return MaximBatchCommand.OK;
            }
            long users;
            try (Writer writer = PrivateFiles.writer(out)) {
                users = IdMapExport.write(map, file.name(), writer, spreadsheetSafe);
            }
            out().printf("%d users of job %s written to %s%n", users, file.name(), out.toAbsolutePath());
            return MaximBatchCommand.OK;
        }
    }
}
