package io.maximbatch.roster;

import io.maximbatch.jobfile.CommonStepSettings;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.RowCheck;
import io.maximbatch.jobfile.StepFactory;
import io.maximbatch.jobfile.StepSpec;
import io.maximbatch.jobfile.StoppableWriter;
import io.maximbatch.ledger.RosterLedger;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.report.RejectReportListener;
import io.maximbatch.report.RejectStore;
import io.maximbatch.report.StepRecords;
import io.maximbatch.source.SourceRecord;
import io.maximbatch.source.Sources;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.maximbatch.source.SourcePartitioner;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** The import-rosters step: read friendships, resolve both ends, add them once, report the broken ones. */
@Component
class ImportRostersStepFactory implements StepFactory {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final ObjectProvider<MaximClient> client;
    private final ObjectProvider<ConcurrentCalls> calls;
    private final UserMap userMap;
    private final RosterLedger ledger;
    private final RejectStore rejectStore;
    private final RejectReportListener rejectReportListener;

    ImportRostersStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                             ObjectProvider<MaximClient> client, ObjectProvider<ConcurrentCalls> calls, UserMap userMap,
                             RosterLedger ledger, RejectStore rejectStore, RejectReportListener rejectReportListener) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.client = client;
        this.calls = calls;
        this.userMap = userMap;
        this.ledger = ledger;
        this.rejectStore = rejectStore;
        this.rejectReportListener = rejectReportListener;
    }

    @Override
    public String type() {
        return "import-rosters";
    }

    @Override
    public Set<String> keys() {
        return RosterSettings.KEYS;
    }

    @Override
    public Object settings(StepSpec spec) {
        return RosterSettings.from(spec);
    }

    /** The processor's rules, then both ends against the users an earlier step of the job would register. */
    @Override
    public void check(JobFile job, StepSpec spec, Object settings, RowCheck check) {
        RosterSettings rosters = (RosterSettings) settings;
        String source = rosters.source().describe();
        RosterRowProcessor processor = new RosterRowProcessor();
        Optional<Set<String>> users = check.users();
        RowCheck.readAll(Sources.reader(rosters.source(), RosterSettings.COLUMNS), record -> {
            RosterRow row = processor.process(record);
            if (!row.isValid()) {
                check.reject(source, row.line(), row.rejectCode(), row.rejectReason());
            } else if (users.isPresent() && !users.get().contains(row.userLegacyId())) {
                check.reject(source, row.line(), "UNKNOWN_USER", "user " + row.userLegacyId() + " is not registered by the users step");
            } else if (users.isPresent() && !users.get().contains(row.friendLegacyId())) {
                check.reject(source, row.line(), "UNKNOWN_FRIEND", "friend " + row.friendLegacyId() + " is not registered by the users step");
            }
        });
    }

    /** The run's decisions without its writes: rules, both ends resolved, edges already confirmed; no call to MaxIM. */
    @Override
    public Plan plan(JobFile job, StepSpec spec, Object settings, CommonStepSettings common, RowCheck planned) {
        RosterSettings rosters = (RosterSettings) settings;
        RosterPlan plan = new RosterPlan(rosters, userMap, ledger, planned.users().orElse(Set.of()));
        RowCheck.readChunks(Sources.reader(rosters.source(), RosterSettings.COLUMNS), new RosterRowProcessor()::process,
                common.chunkSize(), plan::chunk);
        return plan.result(rejectReportListener.writeDryRunReport(job.name(), spec.name(), plan.rejects()));
    }

    @Override
    public boolean partitionable() {
        return true;
    }

    @Override
    public Partitioner partitioner(Object settings, CommonStepSettings common) {
        return new SourcePartitioner(((RosterSettings) settings).source(), Map.of());
    }

    @Override
    public List<Step> steps(JobFile job, StepSpec spec, Object settings, CommonStepSettings common) {
        RosterSettings rosters = (RosterSettings) settings;
        StepRecords records = new StepRecords(rejectStore, common.skipLimit());
        return List.of(new StepBuilder(spec.name(), jobRepository)
                .<SourceRecord, RosterRow>chunk(common.chunkSize())
                .transactionManager(transactionManager)
                .reader(Sources.reader(rosters.source(), RosterSettings.COLUMNS))
                .processor(new RosterRowProcessor())
                .writer(StoppableWriter.of(new RosterImportWriter(client.getObject(), calls.getObject(), userMap, ledger, rosters, records)))
                .listener(records)
                .listener(rejectReportListener)
                .build());
    }
}
