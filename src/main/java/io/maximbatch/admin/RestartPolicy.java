package io.maximbatch.admin;

import io.maximbatch.jobfile.LiveExecutions;
import io.maximbatch.ledger.JobLocks;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * Spring Batch Admin's pre-restart checks: failed or stopped executions, and STARTED ones whose process died
 * (not running here, and no process holds the job's lock); the restart recovers those first.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
final class RestartPolicy {

    private final LiveExecutions live;
    private final JobLocks locks;

    RestartPolicy(LiveExecutions live, JobLocks locks) {
        this.live = live;
        this.locks = locks;
    }

    /** Why the execution cannot be restarted now, or empty when it can. */
    Optional<String> refusal(JobExecution execution) {
        String it = "execution " + execution.getId() + " is " + execution.getStatus();
        switch (execution.getStatus()) {
            case FAILED, STOPPED -> {
                return finishing(execution) ? Optional.of(it + " but its last step is still stopping; try again in a moment")
                        : Optional.empty();
            }
            case STARTING, STARTED, STOPPING, UNKNOWN -> {
                if (live.contains(execution.getId())) {
                    return Optional.of(it + " and running in this process; stop it first");
                }
                if (heldElsewhere(execution.getJobInstance().getJobName())) {
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
    boolean finishing(JobExecution execution) {
        // A step left running by a process that died is no longer finishing: the restart recovers it.
        return live.contains(execution.getId())
                || (execution.getStepExecutions().stream().anyMatch(step -> step.getStatus().isRunning())
                    && heldElsewhere(execution.getJobInstance().getJobName()));
    }

    ExecutionView view(JobExecution execution) {
        return ExecutionView.of(execution, refusal(execution).isEmpty());
    }

    private boolean heldElsewhere(String job) {
        try {
            return locks.heldByAnyone(job);
        } catch (SQLException e) {
            // Unknown: say it may be running rather than recover a live execution.
            return true;
        }
    }
}
