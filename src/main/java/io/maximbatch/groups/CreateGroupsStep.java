package io.maximbatch.groups;

import io.maximbatch.groups.ledger.MemberLedger;
import io.maximbatch.jobfile.SourceKeys;
import io.maximbatch.ledger.AppliedState;
import io.maximbatch.ledger.GroupMap;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.ItemCalls;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.outcome.Outcome;
import io.maximbatch.report.RejectReportListener;
import io.maximbatch.report.StepOutcomes;
import io.maximbatch.outcome.Tally;
import io.maximbatch.source.SourceRecord;
import io.maximbatch.source.Sources;
import io.maximbatch.step.Check;
import io.maximbatch.step.ChunkSteps;
import io.maximbatch.step.Expectations;
import io.maximbatch.step.Reads;
import io.maximbatch.step.Removals;
import io.maximbatch.step.StepRun;
import io.maximbatch.step.StepType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * `type: create-groups`: two job steps in order, creating the groups (named as the job-file step) and then inviting
 * their members (named "&lt;name&gt;-members"), each with its own counts and reject report, each restarting on its own.
 */
@Component
class CreateGroupsStep implements StepType<CreateGroupsSettings> {

    static final List<String> GROUP_COLUMNS = GroupRow.COLUMNS;
    static final List<String> OPTIONAL_GROUP_COLUMNS = GroupRow.OPTIONAL_COLUMNS;
    static final List<String> MEMBER_COLUMNS = MembershipRow.COLUMNS;
    static final int DEFAULT_BATCH = 200;
    static final int MAX_BATCH = 500;
    static final String MEMBERS_SUFFIX = "-members";
    static final String ADMINS_SUFFIX = "-admins";
    static final String SETTINGS_SUFFIX = "-settings";
    static final String MEMBER_SETTINGS_SUFFIX = "-member-settings";

    private final ChunkSteps chunkSteps;
    private final ObjectProvider<MaximClient> client;
    private final ObjectProvider<ItemCalls> items;
    private final ObjectProvider<ConcurrentCalls> calls;
    private final UserMap userMap;
    private final GroupMap groupMap;
    private final RejectReportListener rejectReport;
    private final AppliedState applied;
    private final MemberLedger members;

    CreateGroupsStep(ChunkSteps chunkSteps, ObjectProvider<MaximClient> client, ObjectProvider<ItemCalls> items,
                     ObjectProvider<ConcurrentCalls> calls, UserMap userMap, GroupMap groupMap, RejectReportListener rejectReport,
                     AppliedState applied, MemberLedger members) {
        this.applied = applied;
        this.members = members;
        this.chunkSteps = chunkSteps;
        this.client = client;
        this.items = items;
        this.calls = calls;
        this.userMap = userMap;
        this.groupMap = groupMap;
        this.rejectReport = rejectReport;
    }

    @Override
    public String type() {
        return "create-groups";
    }

    @Override
    public Class<CreateGroupsSettings> settingsClass() {
        return CreateGroupsSettings.class;
    }

    @Override
    public List<String> stepNames(String name) {
        return List.of(name, name + MEMBERS_SUFFIX, name + ADMINS_SUFFIX, name + SETTINGS_SUFFIX, name + "-prune",
                name + MEMBER_SETTINGS_SUFFIX);
    }

    @Override
    public List<Step> steps(StepRun<CreateGroupsSettings> run) {
        CreateGroupsSettings settings = run.settings();
        List<Step> steps = new ArrayList<>(List.of(chunkSteps.build(run, run.name(), 1, partition -> new ChunkSteps.Parts<>(
                () -> GroupSources.groups(settings, run.queryParameters()), GroupRow::candidate,
                records -> new GroupCreationWriter(records, calls.getObject(), writers(settings))))));
        if (has(settings, settings.source(), GroupRow.APPLIED_AFTER, run)) {
            steps.add(chunkSteps.build(run, run.name() + SETTINGS_SUFFIX, 1, partition -> new ChunkSteps.Parts<>(
                    () -> GroupSources.groups(settings, run.queryParameters()), CreateGroupsStep::unlessBrokenGroup,
                    records -> new GroupSettingsWriter(records, calls.getObject(), new AppliedGroupWrites(writers(settings), applied)))));
        }
        steps.add(chunkSteps.build(run, run.name() + MEMBERS_SUFFIX, settings.batchSize(), partition -> new ChunkSteps.Parts<>(
                () -> GroupSources.members(settings, run.queryParameters()), CreateGroupsStep::unlessBlocked,
                records -> new MembershipInviteWriter(records, calls.getObject(), writers(settings)))));
        if (has(settings, settings.members(), List.of(MembershipRow.ROLE), run)) {
            steps.add(chunkSteps.build(run, run.name() + ADMINS_SUFFIX, settings.batchSize(), partition -> new ChunkSteps.Parts<>(
                    () -> GroupSources.members(settings, run.queryParameters()), CreateGroupsStep::unlessBroken,
                    records -> new AdminGrantWriter(records, calls.getObject(), new AppliedGroupWrites(writers(settings), applied)))));
        }
        if (has(settings, settings.members(), List.of(MembershipRow.ROLE, MembershipRow.DISPLAY_NAME), run)) {
            // After the invites and roles: a display name needs the membership; blocked rows were never invited.
            steps.add(chunkSteps.build(run, run.name() + MEMBER_SETTINGS_SUFFIX, settings.batchSize(), partition -> new ChunkSteps.Parts<>(
                    () -> GroupSources.members(settings, run.queryParameters()), CreateGroupsStep::unlessBrokenOrBlank,
                    records -> new MemberSettingsWriter(records, calls.getObject(), new AppliedGroupWrites(writers(settings), applied)))));
        }
        if (settings.prune()) {
            steps.add(chunkSteps.tasklet(run.name() + "-prune", (contribution, chunkContext) -> {
                GroupPrune prune = new GroupPrune(settings, run.queryParameters(), userMap, groupMap, members);
                Removals removals = prune.remove(prune.dropped(run.job().name()), client.getObject());
                chunkContext.getStepContext().getStepExecution().getExecutionContext().putString(StepOutcomes.SUMMARY,
                        removals.summary("memberships this job had made and its members source no longer lists"));
                if (!removals.failures().isEmpty()) {
                    // Kept in the ledger: the step fails so that the operator sees it, and a resumed run tries them again.
                    throw new IllegalStateException(removals.summary("memberships this job had made and its members source no longer lists"));
                }
                return RepeatStatus.FINISHED;
            }));
        }
        return steps;
    }

    /** Whether a source has any of these optional columns: only then does the job have the step that applies them. */
    private static boolean has(CreateGroupsSettings settings, SourceKeys source, List<String> columns, StepRun<CreateGroupsSettings> run) {
        if (settings.roomOpts() == CreateGroupsSettings.RoomOpts.EJABBERD) {
            // A room's options give its members' roles, its settings and its subject (the announcement).
            return source == settings.members() ? columns.contains(MembershipRow.ROLE) : columns.contains(GroupRow.ANNOUNCEMENT);
        }
        try {
            return !Sources.present(source.spec(), columns, run.queryParameters()).isEmpty();
        } catch (RuntimeException cannotAsk) {
            return true;
        }
    }

    /** A group row the groups step rejects by its rules is reported there; the settings step filters it out. */
    private static GroupRow unlessBrokenGroup(SourceRecord record) {
        GroupRow row = GroupRow.candidate(record);
        return row == null || GroupDecision.broken(row).isPresent() ? null : row;
    }

    /** A member row the members step rejects by its rules is reported there; the admins step filters it out, and a blocked row. */
    private static MembershipRow unlessBroken(SourceRecord record) {
        MembershipRow row = MembershipRow.of(record);
        return GroupDecision.broken(row).isPresent() || row.blocked() ? null : row;
    }

    /** A blocked row is no membership: the members step filters it out (the member-settings step blocks the user). */
    private static MembershipRow unlessBlocked(SourceRecord record) {
        MembershipRow row = MembershipRow.of(record);
        return blockedRow(row) ? null : row;
    }

    /** A valid row that blocks its user. */
    static boolean blockedRow(MembershipRow row) {
        return row.blocked() && GroupDecision.broken(row).isEmpty();
    }

    /** The member-settings step's rows: valid ones that block or name someone; the others are filtered out. */
    private static MembershipRow unlessBrokenOrBlank(SourceRecord record) {
        MembershipRow row = MembershipRow.of(record);
        return GroupDecision.broken(row).isPresent() || !row.blocked() && row.displayName() == null ? null : row;
    }

    private GroupWriters writers(CreateGroupsSettings settings) {
        return new GroupWriters(client.getObject(), items.getObject(), userMap, groupMap, members, settings);
    }

    /** Groups: rules, duplicates, owners; then memberships: rules, groups of this file, members the job registers. */
    @Override
    public void check(CreateGroupsSettings settings, Check check) {
        Tally groups = new Tally();
        Tally members = new Tally();
        Set<String> created = new HashSet<>();
        decideAll(settings, check.queryParameters(), check.foreseen().users(), new Decided() {
            @Override
            public void group(GroupRow row, Outcome outcome) {
                groups.add(row.line(), row.asRead(), outcome);
                if (!outcome.isRejected()) {
                    created.add(row.legacyGroupId());
                }
            }

            @Override
            public void member(MembershipRow row, Outcome outcome) {
                if (!blockedRow(row)) {
                    members.add(row.line(), row.asRead(), outcome);
                }
            }
        });
        check.add(settings.source().spec().describe(), groups);
        check.add(settings.members().spec().describe(), members);
        check.foreseen().groups(created);
    }

    @Override
    public void expect(CreateGroupsSettings settings, Expectations expectations) {
        Map<String, String> owners = new HashMap<>();
        decideAll(settings, expectations.queryParameters(), Optional.empty(), new Decided() {
            @Override
            public void group(GroupRow row, Outcome outcome) {
                if (outcome.isRejected()) {
                    expectations.rejected();
                } else {
                    expectations.group(row.legacyGroupId(), row.ownerLegacyId());
                    Map<String, Boolean> flags = new LinkedHashMap<>();
                    // An accepted row's settings all read as a flag (the decision rejects the others).
                    row.settings().forEach((setting, text) -> flags.put(setting, GroupRow.flag(text).orElseThrow()));
                    expectations.groupSettings(row.legacyGroupId(), flags, row.announcement());
                    owners.putIfAbsent(row.legacyGroupId(), row.ownerLegacyId());
                }
            }

            @Override
            public void member(MembershipRow row, Outcome outcome) {
                if (outcome.isRejected() || blockedRow(row) && row.memberLegacyId().equals(owners.get(row.legacyGroupId()))) {
                    // The owner cannot be blocked in its group (OWNER_BLOCKED).
                    expectations.rejected();
                } else if (blockedRow(row)) {
                    expectations.blocked(row.legacyGroupId(), row.memberLegacyId());
                } else {
                    expectations.member(row.legacyGroupId(), row.memberLegacyId());
                    if (row.admin()) {
                        expectations.admin(row.legacyGroupId(), row.memberLegacyId());
                    }
                    if (row.displayName() != null && MemberSettingsWriter.usable(row.displayName())) {
                        expectations.displayName(row.legacyGroupId(), row.memberLegacyId(), row.displayName());
                    }
                }
            }
        });
    }

    /** What validate and reconcile are told of each row. */
    private interface Decided {
        void group(GroupRow row, Outcome outcome);

        void member(MembershipRow row, Outcome outcome);
    }

    /** Every group row, then every membership row, through the decisions, with the users the job registers and no group map. */
    private static void decideAll(CreateGroupsSettings settings, Map<String, Object> queryParameters, Optional<Set<String>> users,
                                  Decided each) {
        GroupLookups lookups = GroupLookups.forRehearsal(users);
        Reads.all(GroupSources.groups(settings, queryParameters), record -> {
            GroupRow row = GroupRow.candidate(record);
            if (row == null) {
                return;
            }
            var decision = GroupDecision.decide(row, lookups);
            each.group(row, decision.ifSent());
        });
        Reads.all(GroupSources.members(settings, queryParameters), record -> {
            MembershipRow row = MembershipRow.of(record);
            var decision = GroupDecision.decide(row, lookups);
            each.member(row, decision.ifSent());
        });
    }
}
