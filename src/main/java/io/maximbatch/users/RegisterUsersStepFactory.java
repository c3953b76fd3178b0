package io.maximbatch.users;

import io.maximbatch.jobfile.CommonStepSettings;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.RowCheck;
import io.maximbatch.jobfile.StepFactory;
import io.maximbatch.jobfile.StepSpec;
import io.maximbatch.jobfile.StoppableWriter;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.report.RejectReportListener;
import io.maximbatch.report.RejectStore;
import io.maximbatch.report.StepRecords;
import io.maximbatch.source.SourceRecord;
import io.maximbatch.source.SourcePartitioner;
import io.maximbatch.source.SourceSpec;
import io.maximbatch.source.Sources;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** The register-users step: read users, validate, register through the ID map, report rejects. */
@Component
class RegisterUsersStepFactory implements StepFactory {

    static final List<String> REQUIRED_COLUMNS = List.of("legacy_id", "username", "password");
    static final List<String> OPTIONAL_COLUMNS = List.of("nickname");
    static final int MAX_BATCH = 100;
    /** Users per /user/register/batch call unless the job file says otherwise: one call registers many. */
    static final int DEFAULT_BATCH = 50;

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final ObjectProvider<MaximClient> client;
    private final ObjectProvider<ConcurrentCalls> calls;
    private final UserMap userMap;
    private final RejectStore rejectStore;
    private final RejectReportListener rejectReportListener;

    RegisterUsersStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                             ObjectProvider<MaximClient> client, ObjectProvider<ConcurrentCalls> calls, UserMap userMap,
                             RejectStore rejectStore, RejectReportListener rejectReportListener) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.client = client;
        this.calls = calls;
        this.userMap = userMap;
        this.rejectStore = rejectStore;
        this.rejectReportListener = rejectReportListener;
    }

    @Override
    public String type() {
        return "register-users";
    }

    @Override
    public Set<String> keys() {
        return Set.of("source", "on-existing", "batch-size");
    }

    @Override
    public Object settings(StepSpec spec) {
        SourceSpec source = spec.source("source", REQUIRED_COLUMNS, OPTIONAL_COLUMNS);
        OnExisting onExisting = OnExisting.valueOf(spec.choice("on-existing", "reject", Set.of("reject", "adopt")).toUpperCase(Locale.ROOT));
        int batchSize = spec.wholeNumber("batch-size", DEFAULT_BATCH, 1, MAX_BATCH);
        return new RegisterUsersSettings(source, onExisting, batchSize);
    }

    /** The processor's rules, then duplicate legacy ids and usernames in the file (the first row wins, as in a run). */
    @Override
    public void check(JobFile job, StepSpec spec, Object settings, RowCheck check) {
        RegisterUsersSettings users = (RegisterUsersSettings) settings;
        String source = users.source().describe();
        UserRowProcessor processor = new UserRowProcessor();
        Set<String> legacyIds = new HashSet<>();
        Map<String, String> usernames = new HashMap<>();
        Set<String> registered = new HashSet<>();
        RowCheck.readAll(Sources.reader(users.source(), REQUIRED_COLUMNS), record -> {
            UserCandidate candidate = processor.process(record);
            UserRow row = candidate.row();
            if (!candidate.isValid()) {
                check.reject(source, row.line(), candidate.rejectCode(), candidate.rejectReason());
            } else if (!legacyIds.add(row.legacyId())) {
                check.reject(source, row.line(), "DUPLICATE_LEGACY_ID", "legacy_id " + row.legacyId() + " appears more than once in the input");
            } else if (usernames.putIfAbsent(row.username(), row.legacyId()) != null) {
                check.reject(source, row.line(), "DUPLICATE_USERNAME", "username " + row.username() + " is also used by legacy_id "
                        + usernames.get(row.username()));
            } else {
                registered.add(row.legacyId());
            }
        });
        check.users(registered);
    }

    /**
     * The run's decisions without its writes: the same reader, rules, duplicates and ID-map decisions; MaxIM is only
     * asked which usernames exist (GET /roster/name, rate-limited). The rejects it foresees go to a dry-run report.
     */
    @Override
    public Plan plan(JobFile job, StepSpec spec, Object settings, CommonStepSettings common, RowCheck planned) {
        RegisterUsersSettings users = (RegisterUsersSettings) settings;
        UserRegistrationPlan plan = new UserRegistrationPlan(users, userMap, client.getObject());
        RowCheck.readChunks(Sources.reader(users.source(), REQUIRED_COLUMNS), new UserRowProcessor()::process,
                common.chunkSize(users.batchSize()), plan::chunk);
        planned.users(plan.registered());
        return plan.result(rejectReportListener.writeDryRunReport(job.name(), spec.name(), plan.rejects()));
    }

    @Override
    public boolean partitionable() {
        return true;
    }

    @Override
    public Partitioner partitioner(Object settings, CommonStepSettings common) {
        return new SourcePartitioner(((RegisterUsersSettings) settings).source(), Map.of());
    }

    @Override
    public List<Step> steps(JobFile job, StepSpec spec, Object settings, CommonStepSettings common) {
        RegisterUsersSettings users = (RegisterUsersSettings) settings;
        StepRecords records = new StepRecords(rejectStore, common.skipLimit());
        UserRegistrationWriter writer = new UserRegistrationWriter(client.getObject(), calls.getObject(), userMap, users, records);
        return List.of(new StepBuilder(spec.name(), jobRepository)
                .<SourceRecord, UserCandidate>chunk(common.chunkSize(users.batchSize()))
                .transactionManager(transactionManager)
                .reader(Sources.reader(users.source(), REQUIRED_COLUMNS))
                .processor(new UserRowProcessor())
                .writer(StoppableWriter.of(writer))
                .listener(records)
                .listener(rejectReportListener)
                .build());
    }
}
