package io.maximbatch.delivery;

import io.maximbatch.campaign.SendLedger;
import io.maximbatch.campaign.SendLedger.SentBatch;
import io.maximbatch.execution.ExecutionQueries;
import io.maximbatch.execution.JobCatalog;
import io.maximbatch.execution.RunParameters;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.StepDefinition;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.maxim.PushTaskDetails;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The delivery of campaign runs: the task ids of a run's sent push batches (send ledger), their figures from
 * /push/task/detail, stored as each execution's latest report, which the API, the dashboard and the gauges read.
 */
@Service
public class CampaignDelivery {

    /** Executions the refresh and the dashboard look at, newest first. */
    static final int RECENT = 200;
    private static final Logger LOG = LoggerFactory.getLogger(CampaignDelivery.class);

    private final ExecutionQueries queries;
    private final SendLedger ledger;
    private final JobCatalog catalog;
    private final ObjectProvider<MaximClient> client;
    private final DeliveryStore store;
    private final DeliveryGauges gauges;

    CampaignDelivery(ExecutionQueries queries, SendLedger ledger, JobCatalog catalog, ObjectProvider<MaximClient> client, DeliveryStore store,
                     DeliveryGauges gauges) {
        this.queries = queries;
        this.ledger = ledger;
        this.catalog = catalog;
        this.client = client;
        this.store = store;
        this.gauges = gauges;
    }

    /** There is no such execution, or its run sent no push: a message for the user, naming what to do. */
    public static final class NoDelivery extends RuntimeException {
        NoDelivery(String message) {
            super(message);
        }
    }

    /** Fetches the delivery of the execution's run from MaxIM now, and stores it as the execution's latest. */
    public DeliveryReport fetch(long executionId) {
        JobExecution execution = queries.find(executionId).orElseThrow(() -> new NoDelivery("no execution " + executionId + " (see `status` for the list)"));
        List<SentBatch> batches = pushBatches(execution);
        if (batches.isEmpty()) {
            throw new NoDelivery("execution " + executionId + " (job " + execution.getJobInstance().getJobName()
                    + ") sent no push: its run has no push batch marked sent");
        }
        DeliveryReport report = report(execution, batches);
        store.save(report);
        gauges.show(store.latestPerJob());
        return report;
    }

    /** The stored report of the execution (none before a fetch or a refresh of serve's). */
    public Optional<DeliveryReport> stored(long executionId) {
        return store.find(executionId);
    }

    /** The stored reports of the newest executions that have one, newest first. */
    public List<DeliveryReport> storedRecent() {
        return store.newest(RECENT);
    }

    /**
     * Fetches and stores the delivery of every campaign execution that finished since then (one call per run, for all
     * its executions); a run whose figures cannot be fetched keeps its last ones. Returns the executions refreshed.
     */
    public int refreshFinishedSince(LocalDateTime since) {
        Map<String, List<JobExecution>> byRun = new LinkedHashMap<>();
        queries.recent(null, null, RECENT).stream().filter(e -> e.getEndTime() != null && e.getEndTime().isAfter(since))
                .forEach(e -> byRun.computeIfAbsent(e.getJobInstance().getJobName() + "\n" + RunParameters.runKey(e.getJobParameters()),
                        k -> new ArrayList<>()).add(e));
        int refreshed = 0;
        for (List<JobExecution> executions : byRun.values()) {
            try {
                List<SentBatch> batches = pushBatches(executions.get(0));
                if (batches.isEmpty()) {
                    continue;
                }
                DeliveryReport report = report(executions.get(0), batches);
                for (JobExecution execution : executions) {
                    store.save(new DeliveryReport(execution.getId(), report.job(), report.total(), report.channels(), report.steps(),
                            report.unknown(), report.fetchedAt()));
                    refreshed++;
                }
            } catch (RuntimeException e) {
                LOG.warn("delivery of {} execution {} not refreshed: {}", executions.get(0).getJobInstance().getJobName(),
                        executions.get(0).getId(), e.getMessage());
            }
        }
        gauges.show(store.latestPerJob());
        return refreshed;
    }

    private DeliveryReport report(JobExecution execution, List<SentBatch> batches) {
        Set<Long> tasks = batches.stream().map(SentBatch::taskId).filter(Objects::nonNull).collect(Collectors.toSet());
        Map<Long, PushTaskDetails.Detail> details = tasks.isEmpty() ? Map.of() : PushTaskDetails.of(client.getObject(), tasks);
        return DeliveryReport.of(execution.getId(), execution.getJobInstance().getJobName(), batches, details, Instant.now());
    }

    /** The sent batches of the execution's run (all its executions: a resumed run's report includes what was sent before) of its push steps. */
    private List<SentBatch> pushBatches(JobExecution execution) {
        List<SentBatch> batches = ledger.sentBatches(execution.getJobInstance().getJobName(), RunParameters.runKey(execution.getJobParameters()));
        Predicate<String> push = pushSteps(execution, batches);
        return batches.stream().filter(b -> push.test(b.stepName())).toList();
    }

    /**
     * A push step is one the job file names `push-campaign` (message steps have no tasks); when the file cannot be read
     * any more, a step one of whose batches has a task id.
     */
    private Predicate<String> pushSteps(JobExecution execution, List<SentBatch> batches) {
        String path = execution.getJobParameters().getString(RunParameters.JOB_FILE);
        Set<String> withTasks = batches.stream().filter(b -> b.taskId() != null).map(SentBatch::stepName).collect(Collectors.toSet());
        if (path == null) {
            return withTasks::contains;
        }
        try {
            JobFile file = catalog.parseWithoutEnvironment(Path.of(path));
            return step -> file.step(step).map(StepDefinition::type).filter("push-campaign"::equals).isPresent();
        } catch (RuntimeException unreadable) {
            // Moved, deleted or changed beyond reading since the run.
            return withTasks::contains;
        }
    }
}
