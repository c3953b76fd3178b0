package io.maximbatch.campaign;

import io.maximbatch.jobfile.CommonStepSettings;
import io.maximbatch.jobfile.StoppableWriter;
import io.maximbatch.ledger.GroupMap;
import io.maximbatch.ledger.SendLedger;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.report.RejectReportListener;
import io.maximbatch.report.RejectStore;
import io.maximbatch.report.StepRecords;
import java.util.function.Function;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** Builds a campaign step (push or message): the segments' audiences read in order, sent by batch through the ledger. */
@Component
class CampaignSteps {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final ObjectProvider<MaximClient> client;
    private final ObjectProvider<ConcurrentCalls> calls;
    private final UserMap userMap;
    private final GroupMap groupMap;
    private final SendLedger ledger;
    private final RejectStore rejectStore;
    private final RejectReportListener rejectReportListener;

    CampaignSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager, ObjectProvider<MaximClient> client,
                  ObjectProvider<ConcurrentCalls> calls, UserMap userMap, GroupMap groupMap, SendLedger ledger,
                  RejectStore rejectStore, RejectReportListener rejectReportListener) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.client = client;
        this.calls = calls;
        this.userMap = userMap;
        this.groupMap = groupMap;
        this.ledger = ledger;
        this.rejectStore = rejectStore;
        this.rejectReportListener = rejectReportListener;
    }

    Step build(String name, CampaignSettings settings, CommonStepSettings common, Function<MaximClient, Dispatcher> dispatcher) {
        CampaignSettings filled = settings.filled(common.jobParameters(), name);
        StepRecords records = new StepRecords(rejectStore, common.skipLimit());
        CampaignWriter writer = new CampaignWriter(filled.segments(), filled.groups(), dispatcher.apply(client.getObject()),
                calls.getObject(), userMap, groupMap, ledger, records);
        return new StepBuilder(name, jobRepository)
                .<AudienceEntry, AudienceEntry>chunk(common.chunkSize(filled.batchSize()))
                .transactionManager(transactionManager)
                .reader(new SegmentedAudienceReader(filled.segments(), filled.groups() ? Audience.GROUP_COLUMNS : Audience.USER_COLUMNS,
                        Audience.queryParameters(common.jobParameters())))
                .writer(StoppableWriter.of(writer))
                .listener(records)
                .listener(rejectReportListener)
                .build();
    }
}
