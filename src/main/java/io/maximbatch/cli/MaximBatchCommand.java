package io.maximbatch.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The maxim-batch command line; each subcommand starts only what it needs. */
@Command(name = "maxim-batch", mixinStandardHelpOptions = true, version = "maxim-batch 0.1.0",
        description = "Moves users, friendships and groups into MaxIM and reaches them with campaigns: from CSV files or a database, resumably, exactly once.",
        subcommands = {RunCommand.class, RestartCommand.class, StatusCommand.class, ValidateCommand.class, ReconcileCommand.class, RollbackGroupsCommand.class, CampaignBatchesCommand.class, CampaignReportCommand.class, ExportMapCommand.class,
                SandboxCommand.class, ServeCommand.class, WorkerCommand.class, CommandLine.HelpCommand.class})
public final class MaximBatchCommand {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    public static void main(String[] args) {
        // Spring Boot would load, in a background thread, classes most commands never use (message converters, validation).
        System.setProperty("spring.backgroundpreinitializer.ignore", "true");
        System.exit(execute(args));
    }

    public static int execute(String[] args) {
        return execute(args, null, null);
    }

    /** out, err: where the command prints (null: standard output and error). */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new MaximBatchCommand());
        if (out != null) {
            commandLine.setOut(out);
            commandLine.setErr(err);
        }
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // One line on the console; the stack trace goes to the log file, and to the console too with --debug.
            ConsoleLog.record(e);
            cmd.getErr().println("maxim-batch: " + (e instanceof BatchContext.StartupException ? e.getMessage() : Messages.of(e)));
            if (cmd.getCommand() instanceof CliCommand command && command.debug) {
                e.printStackTrace(cmd.getErr());
            }
            return e instanceof BatchContext.StartupException ? USAGE : FAILED;
        });
        return commandLine.execute(args);
    }
}
