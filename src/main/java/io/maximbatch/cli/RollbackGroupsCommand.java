package io.maximbatch.cli;

import io.maximbatch.groups.GroupRollback;
import io.maximbatch.maxim.MaximClient;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rollback-groups", mixinStandardHelpOptions = true,
        description = {"Disbands the groups an execution created (DELETE /group/destroy as the owner) and marks them rolled back.",
                "Running it again does nothing more. Exit code: 0 all done, 1 some could not be disbanded, 2 bad usage."})
final class RollbackGroupsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<execution-id>")
    long executionId;

    @Option(names = "--whole-run", description = "also the groups of the other executions of the same run (a resumed run spans several)")
    boolean wholeRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ConfigurableApplicationContext context = BatchContext.start(Map.of())) {
            JobRepository repository = context.getBean(JobRepository.class);
            JobExecution execution = repository.getJobExecution(executionId);
            if (execution == null) {
                err.println("maxim-batch: no execution " + executionId + " (see `status` for the list)");
                return MaximBatchCommand.USAGE;
            }
            try {
                context.getBean(MaximClient.class);
            } catch (RuntimeException e) {
                err.println("maxim-batch: " + Messages.of(e));
                return MaximBatchCommand.USAGE;
            }
            List<Long> executions = new ArrayList<>(List.of(executionId));
            if (wholeRun) {
                executions = repository.getJobExecutions(execution.getJobInstance()).stream().map(JobExecution::getId).toList();
            }
            GroupRollback.Result result = context.getBean(GroupRollback.class).rollback(executions);
            out.printf("Groups disbanded: %d, already gone: %d, failed: %d%n", result.disbanded(), result.alreadyGone(), result.failed().size());
            result.failed().forEach(f -> out.println("  " + f.legacyGroupId() + " (group " + f.groupId() + "): " + f.reason()));
            return result.failed().isEmpty() ? MaximBatchCommand.OK : MaximBatchCommand.FAILED;
        }
    }
}
