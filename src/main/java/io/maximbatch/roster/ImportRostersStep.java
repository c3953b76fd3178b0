package io.maximbatch.roster;

import io.maximbatch.roster.ledger.RosterLedger;
import io.maximbatch.ledger.AppliedState;
import io.maximbatch.roster.ledger.RosterLedger.Edge;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.ItemCalls;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.report.RejectReportListener;
import io.maximbatch.report.StepOutcomes;
import io.maximbatch.outcome.Tally;
import io.maximbatch.source.SourceRecord;
import io.maximbatch.source.SourceSpec;
import io.maximbatch.source.Sources;
import io.maximbatch.step.Check;
import io.maximbatch.step.ChunkSteps;
import io.maximbatch.step.Decision;
import io.maximbatch.step.Expectations;
import io.maximbatch.step.Reads;
import io.maximbatch.step.Removals;
import io.maximbatch.step.StepRun;
import io.maximbatch.step.StepType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** `type: import-rosters`: read friendships, resolve both ends, add them once, report the broken ones. */
@Component
class ImportRostersStep implements StepType<RosterSettings> {

    static final List<String> COLUMNS = RosterRow.COLUMNS;
    static final int DEFAULT_BATCH = 100;
    static final int MAX_BATCH = 100;

    private final ChunkSteps chunkSteps;
    private final ObjectProvider<ItemCalls> items;
    private final ObjectProvider<ConcurrentCalls> calls;
    private final UserMap userMap;
    private final RosterLedger ledger;
    private final RejectReportListener rejectReport;
    private final ObjectProvider<MaximClient> client;
    private final AppliedState applied;

    ImportRostersStep(ChunkSteps chunkSteps, ObjectProvider<ItemCalls> items, ObjectProvider<ConcurrentCalls> calls, UserMap userMap,
                      RosterLedger ledger, RejectReportListener rejectReport, ObjectProvider<MaximClient> client, AppliedState applied) {
        this.client = client;
        this.applied = applied;
        this.chunkSteps = chunkSteps;
        this.items = items;
        this.calls = calls;
        this.userMap = userMap;
        this.ledger = ledger;
        this.rejectReport = rejectReport;
    }

    @Override
    public String type() {
        return "import-rosters";
    }

    @Override
    public Class<RosterSettings> settingsClass() {
        return RosterSettings.class;
    }

    /** The friendships, then (with a `remark` column) the remarks users gave their friends. */
    @Override
    public List<String> stepNames(String name) {
        return List.of(name, name + "-remarks", name + "-prune");
    }

    @Override
    public SourceSpec splitSource(RosterSettings settings) {
        return settings.source().spec();
    }

    @Override
    public List<Step> steps(StepRun<RosterSettings> run) {
        RosterSettings settings = run.settings();
        List<Step> steps = new ArrayList<>(List.of(chunkSteps.build(run, run.name(), 1, partition -> new ChunkSteps.Parts<>(
                () -> Sources.reader(settings.source().spec(), COLUMNS, run.queryParameters()), RosterRow::candidate,
                records -> new RosterImportWriter(records, calls.getObject(), new RosterImportWriter.Uses(items.getObject(), userMap, ledger, settings))))));
        if (namesRemarks(settings, run)) {
            steps.add(chunkSteps.build(run, run.name() + "-remarks", 1, partition -> new ChunkSteps.Parts<>(
                    () -> Sources.reader(settings.source().spec(), COLUMNS, run.queryParameters()), ImportRostersStep::unlessBroken,
                    records -> new RemarkWriter(records, calls.getObject(), new RemarkWriter.Uses(client.getObject(), userMap, ledger, applied)))));
        }
        if (settings.prune()) {
            steps.add(chunkSteps.tasklet(run.name() + "-prune", (contribution, chunkContext) -> {
                RosterPrune prune = new RosterPrune(settings, run.queryParameters(), userMap, ledger);
                Removals removals = prune.remove(prune.dropped(run.job().name()), client.getObject());
                chunkContext.getStepContext().getStepExecution().getExecutionContext().putString(StepOutcomes.SUMMARY,
                        removals.summary("friendships this job had made and its source no longer lists"));
                if (!removals.failures().isEmpty()) {
                    // Kept in the ledger: the step fails so that the operator sees it, and a resumed run tries them again.
                    throw new IllegalStateException(removals.summary("friendships this job had made and its source no longer lists"));
                }
                return RepeatStatus.FINISHED;
            }));
        }
        return steps;
    }

    /** Whether the source has a `remark` column: only then does the job have a remarks step. */
    private static boolean namesRemarks(RosterSettings settings, StepRun<RosterSettings> run) {
        try {
            return !Sources.present(settings.source().spec(), List.of(RosterRow.REMARK), run.queryParameters()).isEmpty();
        } catch (RuntimeException cannotAsk) {
            return true;
        }
    }

    /** A row the friends step rejects by its rules is reported there; the remarks step filters it out. */
    private static RosterRow unlessBroken(SourceRecord record) {
        RosterRow row = RosterRow.candidate(record);
        return row == null || RosterDecision.broken(row).isPresent() ? null : row;
    }

    /** The rules, then both ends against the users an earlier step of the job would register. */
    @Override
    public void check(RosterSettings settings, Check check) {
        Tally tally = new Tally();
        decideAll(settings, check.queryParameters(), check.foreseen().users(), (row, decision) ->
                tally.add(row.line(), row.asRead(), decision.ifSent()));
        check.add(settings.source().spec().describe(), tally);
    }

    @Override
    public void expect(RosterSettings settings, Expectations expectations) {
        decideAll(settings, expectations.queryParameters(), Optional.empty(), (row, decision) -> {
            if (decision.outcome() != null && decision.outcome().isRejected()) {
                expectations.rejected();
                return;
            }
            expectations.friendship(row.userLegacyId(), row.friendLegacyId(), settings.mutual());
            if (row.remark() != null) {
                expectations.remark(row.userLegacyId(), row.friendLegacyId(), row.remark());
            }
        });
    }

    /** Every row through the decision, with the users the job registers (or any, when it has no users step) and no ledger. */
    private static void decideAll(RosterSettings settings, Map<String, Object> queryParameters, Optional<Set<String>> users,
                                  BiConsumer<RosterRow, Decision<Edge>> each) {
        RosterLookups lookups = RosterLookups.forRehearsal(users);
        Reads.all(Sources.reader(settings.source().spec(), COLUMNS, queryParameters), record -> {
            RosterRow row = RosterRow.candidate(record);
            if (row == null) {
                return;
            }
            each.accept(row, RosterDecision.decide(row, lookups, settings.mutual()));
        });
    }
}
