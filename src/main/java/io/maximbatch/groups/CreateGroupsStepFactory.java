package io.maximbatch.groups;

import io.maximbatch.jobfile.CommonStepSettings;
import io.maximbatch.jobfile.JobFile;
import io.maximbatch.jobfile.RowCheck;
import io.maximbatch.jobfile.StepFactory;
import io.maximbatch.jobfile.StepSpec;
import io.maximbatch.jobfile.StoppableWriter;
import io.maximbatch.ledger.GroupMap;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.report.RejectReportListener;
import io.maximbatch.report.RejectStore;
import io.maximbatch.report.StepRecords;
import io.maximbatch.source.SourceRecord;
import io.maximbatch.source.SourceSpec;
import io.maximbatch.source.Sources;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The create-groups step: two job steps in order, creating the groups (named as the job-file step) and then
 * inviting their members (named "&lt;name&gt;-members"), each with its own counts and reject report.
 */
@Component
class CreateGroupsStepFactory implements StepFactory {

    static final List<String> GROUP_COLUMNS = List.of("legacy_group_id", "name", "owner_legacy_id");
    static final List<String> OPTIONAL_GROUP_COLUMNS = List.of("description");
    static final List<String> MEMBER_COLUMNS = List.of("legacy_group_id", "member_legacy_id");
    static final int DEFAULT_BATCH = 200;
    static final int MAX_BATCH = 500;
    static final String MEMBERS_SUFFIX = "-members";

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final ObjectProvider<MaximClient> client;
    private final ObjectProvider<ConcurrentCalls> calls;
    private final UserMap userMap;
    private final GroupMap groupMap;
    private final RejectStore rejectStore;
    private final RejectReportListener rejectReportListener;

    CreateGroupsStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                            ObjectProvider<MaximClient> client, ObjectProvider<ConcurrentCalls> calls, UserMap userMap,
                            GroupMap groupMap, RejectStore rejectStore, RejectReportListener rejectReportListener) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.client = client;
        this.calls = calls;
        this.userMap = userMap;
        this.groupMap = groupMap;
        this.rejectStore = rejectStore;
        this.rejectReportListener = rejectReportListener;
    }

    @Override
    public String type() {
        return "create-groups";
    }

    @Override
    public Set<String> keys() {
        return Set.of("source", "members", "batch-size", "group-type");
    }

    @Override
    public Object settings(StepSpec spec) {
        SourceSpec groups = spec.source("source", GROUP_COLUMNS, OPTIONAL_GROUP_COLUMNS);
        SourceSpec members = spec.source("members", MEMBER_COLUMNS);
        int batchSize = spec.wholeNumber("batch-size", DEFAULT_BATCH, 1, MAX_BATCH);
        int groupType = spec.choice("group-type", "private", Set.of("private", "chatroom")).equals("chatroom") ? 2 : 0;
        return new CreateGroupsSettings(groups, members, batchSize, groupType);
    }

    /** The groups step, then the members step, as separate steps of the job: each restarts on its own. */
    @Override
    public List<Step> steps(JobFile job, StepSpec spec, Object settings, CommonStepSettings common) {
        CreateGroupsSettings groups = (CreateGroupsSettings) settings;
        return List.of(createStep(spec.name(), groups, common), membersStep(spec.name() + MEMBERS_SUFFIX, groups, common));
    }

    /** The run's decisions without its writes; MaxIM is asked only whether already-mapped groups still exist. */
    @Override
    public Plan plan(JobFile job, StepSpec spec, Object settings, CommonStepSettings common, RowCheck planned) {
        CreateGroupsSettings groups = (CreateGroupsSettings) settings;
        GroupsPlan plan = new GroupsPlan(groups, userMap, groupMap, client.getObject(), planned.users().orElse(Set.of()));
        RowCheck.readChunks(Sources.reader(groups.groups(), GROUP_COLUMNS), new GroupRowProcessor()::process,
                common.chunkSize(), plan::groupChunk);
        RowCheck.readChunks(Sources.reader(groups.members(), MEMBER_COLUMNS), new MembershipRowProcessor()::process,
                common.chunkSize(groups.batchSize()), plan::memberChunk);
        return plan.result(rejectReportListener.writeDryRunReport(job.name(), spec.name(), plan.groupTally.rejects),
                rejectReportListener.writeDryRunReport(job.name(), spec.name() + MEMBERS_SUFFIX, plan.memberTally.rejects));
    }

    /** Groups: the processor's rules, duplicates, owners; then memberships: rules, groups and members known. */
    @Override
    public void check(JobFile job, StepSpec spec, Object settings, RowCheck check) {
        CreateGroupsSettings groups = (CreateGroupsSettings) settings;
        Optional<Set<String>> users = check.users();
        String groupSource = groups.groups().describe();
        GroupRowProcessor groupRows = new GroupRowProcessor();
        Set<String> created = new HashSet<>();
        Set<String> seen = new HashSet<>();
        RowCheck.readAll(Sources.reader(groups.groups(), GROUP_COLUMNS), record -> {
            Checked<GroupRow> checked = groupRows.process(record);
            GroupRow row = checked.row();
            if (!checked.isValid()) {
                check.reject(groupSource, row.line(), checked.rejectCode(), checked.rejectReason());
            } else if (!seen.add(row.legacyGroupId())) {
                check.reject(groupSource, row.line(), "DUPLICATE_GROUP_ID", "legacy_group_id " + row.legacyGroupId() + " appears more than once in the input");
            } else if (users.isPresent() && !users.get().contains(row.ownerLegacyId())) {
                check.reject(groupSource, row.line(), "UNKNOWN_OWNER", "owner " + row.ownerLegacyId() + " is not registered by the users step");
            } else {
                created.add(row.legacyGroupId());
            }
        });
        String memberSource = groups.members().describe();
        MembershipRowProcessor memberRows = new MembershipRowProcessor();
        RowCheck.readAll(Sources.reader(groups.members(), MEMBER_COLUMNS), record -> {
            Checked<MembershipRow> checked = memberRows.process(record);
            MembershipRow row = checked.row();
            if (!checked.isValid()) {
                check.reject(memberSource, row.line(), checked.rejectCode(), checked.rejectReason());
            } else if (!created.contains(row.legacyGroupId())) {
                check.reject(memberSource, row.line(), "UNKNOWN_GROUP", "group " + row.legacyGroupId() + " is not created by the groups step");
            } else if (users.isPresent() && !users.get().contains(row.memberLegacyId())) {
                check.reject(memberSource, row.line(), "UNKNOWN_MEMBER", "member " + row.memberLegacyId() + " is not registered by the users step");
            }
        });
        check.groups(created);
    }

    @Override
    public List<String> stepNames(String name) {
        return List.of(name, name + MEMBERS_SUFFIX);
    }

    private Step createStep(String name, CreateGroupsSettings settings, CommonStepSettings common) {
        StepRecords records = new StepRecords(rejectStore, common.skipLimit());
        GroupCreationWriter writer = new GroupCreationWriter(client.getObject(), calls.getObject(), userMap, groupMap, settings, records);
        return new StepBuilder(name, jobRepository)
                .<SourceRecord, Checked<GroupRow>>chunk(common.chunkSize())
                .transactionManager(transactionManager)
                .reader(Sources.reader(settings.groups(), GROUP_COLUMNS))
                .processor(new GroupRowProcessor())
                .writer(StoppableWriter.of(writer))
                .listener(records)
                .listener(rejectReportListener)
                .build();
    }

    private Step membersStep(String name, CreateGroupsSettings settings, CommonStepSettings common) {
        StepRecords records = new StepRecords(rejectStore, common.skipLimit());
        MembershipInviteWriter writer = new MembershipInviteWriter(client.getObject(), calls.getObject(), userMap, groupMap, settings, records);
        return new StepBuilder(name, jobRepository)
                .<SourceRecord, Checked<MembershipRow>>chunk(common.chunkSize(settings.batchSize()))
                .transactionManager(transactionManager)
                .reader(Sources.reader(settings.members(), MEMBER_COLUMNS))
                .processor(new MembershipRowProcessor())
                .writer(StoppableWriter.of(writer))
                .listener(records)
                .listener(rejectReportListener)
                .build();
    }
}
