package io.maximbatch.execution;

import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

/**
 * Spring Batch Admin's pre-restart checks: failed or stopped executions, and STARTED ones whose process died
 * (not running here, and no process holds the job's lock); the restart recovers those first.
 */
@Component
public record RestartPolicy(LiveExecutions live, JobLocks locks) {

    /** Why the execution cannot be restarted now, or empty when it can. */
    public Optional<String> refusal(JobExecution execution) {
        return refusal(execution, this::heldElsewhere);
    }

    /** Whether each execution can be restarted now, the job locks asked once for all of them. */
    public Map<Long, Boolean> restartable(Collection<JobExecution> executions) {
        List<String> jobs = executions.stream().filter(e -> e.isRunning() || e.getStepExecutions().stream().anyMatch(s -> s.getStatus().isRunning()))
                .map(e -> e.getJobInstance().getJobName()).distinct().toList();
        Predicate<String> held;
        try {
            Set<String> names = locks.heldByAnyone(jobs);
            held = names::contains;
        } catch (SQLException e) {
            // Unknown: say they may be running rather than recover a live execution.
            held = job -> true;
        }
        Map<Long, Boolean> restartable = new HashMap<>();
        for (JobExecution execution : executions) {
            restartable.put(execution.getId(), refusal(execution, held).isEmpty());
        }
        return restartable;
    }

    private Optional<String> refusal(JobExecution execution, Predicate<String> heldElsewhere) {
        String it = "execution " + execution.getId() + " is " + execution.getStatus();
        String job = execution.getJobInstance().getJobName();
        switch (execution.getStatus()) {
            case FAILED, STOPPED -> {
                return finishing(execution, heldElsewhere) ? Optional.of(it + " but its last step is still stopping; try again in a moment")
                        : Optional.empty();
            }
            case STARTING, STARTED, STOPPING, UNKNOWN -> {
                if (live.contains(execution.getId())) {
                    return Optional.of(it + " and running in this process; stop it first");
                }
                if (heldElsewhere.test(job)) {
                    return Optional.of(it + " and its job is running in another maxim-batch process; stop it there first");
                }
                return Optional.empty();
            }
            default -> {
                return Optional.of(it + "; only a FAILED or STOPPED execution, or a STARTED one whose process died, can be restarted");
            }
        }
    }

    /** Spring Batch 6 shows a stopped execution STOPPED at once, while its step may still be finishing a chunk here or elsewhere. */
    public boolean finishing(JobExecution execution) {
        return finishing(execution, this::heldElsewhere);
    }

    private boolean finishing(JobExecution execution, Predicate<String> heldElsewhere) {
        // A step left running by a process that died is no longer finishing: the restart recovers it.
        return live.contains(execution.getId())
                || (execution.getStepExecutions().stream().anyMatch(step -> step.getStatus().isRunning())
                    && heldElsewhere.test(execution.getJobInstance().getJobName()));
    }

    private boolean heldElsewhere(String job) {
        try {
            return locks.heldByAnyone(job);
        } catch (SQLException e) {
            return true;
        }
    }
}
