package io.maximbatch.cli;

import io.maximbatch.execution.ExecutionQueries;
import io.maximbatch.groups.GroupRollback;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rollback-groups", mixinStandardHelpOptions = true,
        description = {"Disbands the groups an execution created (DELETE /group/destroy as the owner) and marks them rolled back.",
                "Running it again does nothing more. Exit code: 0 all done, 1 some could not be disbanded, 2 bad usage."})
final class RollbackGroupsCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "<execution-id>")
    long executionId;

    @Option(names = "--whole-run", description = "also the groups of the other executions of the same run (a resumed run spans several)")
    boolean wholeRun;

    @Override
    int run() {
        try (ConfigurableApplicationContext context = BatchContext.start(Map.of())) {
            ExecutionQueries queries = context.getBean(ExecutionQueries.class);
            JobExecution execution = queries.find(executionId).orElseThrow(() ->
                    new Usage(List.of("maxim-batch: no execution " + executionId + " (see `status` for the list)")));
            needsMaxim(context);
            List<Long> executions = wholeRun ? queries.executionsOf(execution.getJobInstance()) : List.of(executionId);
            GroupRollback.Result result = context.getBean(GroupRollback.class).rollback(executions);
            out().printf("Groups disbanded: %d, already gone: %d, failed: %d%n", result.disbanded(), result.alreadyGone(), result.failed().size());
            result.failed().forEach(f -> out().println("  " + f.legacyGroupId() + " (group " + f.groupId() + "): " + f.reason()));
            return result.failed().isEmpty() ? MaximBatchCommand.OK : MaximBatchCommand.FAILED;
        }
    }
}
