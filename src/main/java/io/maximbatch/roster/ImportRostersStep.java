package io.maximbatch.roster;

import io.maximbatch.ledger.RosterLedger;
import io.maximbatch.ledger.RosterLedger.Edge;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.ItemCalls;
import io.maximbatch.report.RejectReportListener;
import io.maximbatch.report.Tally;
import io.maximbatch.source.SourceSpec;
import io.maximbatch.source.Sources;
import io.maximbatch.step.Check;
import io.maximbatch.step.ChunkSteps;
import io.maximbatch.step.Decision;
import io.maximbatch.step.Expectations;
import io.maximbatch.step.Foreseen;
import io.maximbatch.step.Plan;
import io.maximbatch.step.Reads;
import io.maximbatch.step.StepRun;
import io.maximbatch.step.StepType;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** `type: import-rosters`: read friendships, resolve both ends, add them once, report the broken ones. */
@Component
class ImportRostersStep implements StepType<RosterSettings> {

    static final List<String> COLUMNS = List.of("user_legacy_id", "friend_legacy_id");
    static final int DEFAULT_BATCH = 100;
    static final int MAX_BATCH = 100;

    private final ChunkSteps chunkSteps;
    private final ObjectProvider<ItemCalls> items;
    private final ObjectProvider<ConcurrentCalls> calls;
    private final UserMap userMap;
    private final RosterLedger ledger;
    private final RejectReportListener rejectReport;

    ImportRostersStep(ChunkSteps chunkSteps, ObjectProvider<ItemCalls> items, ObjectProvider<ConcurrentCalls> calls, UserMap userMap,
                      RosterLedger ledger, RejectReportListener rejectReport) {
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

    @Override
    public SourceSpec splitSource(RosterSettings settings) {
        return settings.source().spec();
    }

    @Override
    public List<Step> steps(StepRun<RosterSettings> run) {
        RosterSettings settings = run.settings();
        return List.of(chunkSteps.build(run, run.name(), 1, partition -> new ChunkSteps.Parts<>(
                () -> Sources.reader(settings.source().spec(), COLUMNS), RosterRow::of,
                records -> new RosterImportWriter(records, calls.getObject(), new RosterImportWriter.Uses(items.getObject(), userMap, ledger, settings)))));
    }

    /** The run's decisions without its writes: rules, both ends resolved, edges already confirmed; no call to MaxIM. */
    @Override
    public Plan plan(StepRun<RosterSettings> run, Foreseen foreseen) {
        RosterSettings settings = run.settings();
        RosterPlan plan = new RosterPlan(settings, userMap, ledger, foreseen.users().orElse(Set.of()));
        Reads.chunks(Sources.reader(settings.source().spec(), COLUMNS), RosterRow::of, run.chunkSize(1), plan::chunk);
        return plan.result(rejectReport.writeDryRunReport(run.job().name(), run.name(), plan.tally().rejects()));
    }

    /** The rules, then both ends against the users an earlier step of the job would register. */
    @Override
    public void check(RosterSettings settings, Check check) {
        Tally tally = new Tally();
        decideAll(settings, check.foreseen().users(), (row, decision) ->
                tally.add(row.line(), row.asRead(), decision.ifSent()));
        check.add(settings.source().spec().describe(), tally);
    }

    @Override
    public void expect(RosterSettings settings, Expectations expectations) {
        decideAll(settings, Optional.empty(), (row, decision) -> {
            if (decision.outcome() != null && decision.outcome().isRejected()) {
                expectations.rejected();
                return;
            }
            expectations.friendship(row.userLegacyId(), row.friendLegacyId(), settings.mutual());
        });
    }

    /** Every row through the decision, with the users the job registers (or any, when it has no users step) and no ledger. */
    private static void decideAll(RosterSettings settings, Optional<Set<String>> users, BiConsumer<RosterRow, Decision<Edge>> each) {
        RosterLookups lookups = RosterLookups.forRehearsal(users);
        Reads.all(Sources.reader(settings.source().spec(), COLUMNS), record -> {
            RosterRow row = RosterRow.of(record);
            each.accept(row, RosterDecision.decide(row, lookups, settings.mutual()));
        });
    }
}
