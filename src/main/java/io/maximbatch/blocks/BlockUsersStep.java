package io.maximbatch.blocks;

import io.maximbatch.ledger.AppliedState;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.outcome.Tally;
import io.maximbatch.source.SourceSpec;
import io.maximbatch.source.Sources;
import io.maximbatch.step.Check;
import io.maximbatch.step.ChunkSteps;
import io.maximbatch.step.Decision;
import io.maximbatch.step.Expectations;
import io.maximbatch.step.Reads;
import io.maximbatch.step.StepRun;
import io.maximbatch.step.StepType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** `type: block-users`: read who blocks whom, resolve both users, make each block once, report the broken rows. */
@Component
class BlockUsersStep implements StepType<BlockSettings> {

    private final ChunkSteps chunkSteps;
    private final ObjectProvider<ConcurrentCalls> calls;
    private final ObjectProvider<MaximClient> client;
    private final UserMap userMap;
    private final AppliedState applied;

    BlockUsersStep(ChunkSteps chunkSteps, ObjectProvider<ConcurrentCalls> calls, ObjectProvider<MaximClient> client, UserMap userMap,
                   AppliedState applied) {
        this.chunkSteps = chunkSteps;
        this.calls = calls;
        this.client = client;
        this.userMap = userMap;
        this.applied = applied;
    }

    @Override
    public String type() {
        return "block-users";
    }

    @Override
    public Class<BlockSettings> settingsClass() {
        return BlockSettings.class;
    }

    @Override
    public SourceSpec splitSource(BlockSettings settings) {
        return settings.source().spec();
    }

    @Override
    public List<Step> steps(StepRun<BlockSettings> run) {
        BlockSettings settings = run.settings();
        return List.of(chunkSteps.build(run, run.name(), 1, partition -> new ChunkSteps.Parts<>(
                () -> Sources.reader(settings.source().spec(), BlockRow.COLUMNS, run.queryParameters()), BlockRow::candidate,
                records -> new BlockWriter(records, calls.getObject(), new BlockWriter.Uses(client.getObject(), userMap, applied)))));
    }

    /** The rules, then both users against the users an earlier step of the job would register. */
    @Override
    public void check(BlockSettings settings, Check check) {
        Tally tally = new Tally();
        decideAll(settings, check.queryParameters(), check.foreseen().users(), (row, decision) ->
                tally.add(row.line(), row.asRead(), decision.ifSent()));
        check.add(settings.source().spec().describe(), tally);
    }

    @Override
    public void expect(BlockSettings settings, Expectations expectations) {
        decideAll(settings, expectations.queryParameters(), Optional.empty(), (row, decision) -> {
            if (decision.outcome() != null && decision.outcome().isRejected()) {
                expectations.rejected();
            } else {
                expectations.block(row.userLegacyId(), row.blockedLegacyId());
            }
        });
    }

    /** Every row through the decision, with the users the job registers (or any, when it has no users step) and no ledger. */
    private static void decideAll(BlockSettings settings, Map<String, Object> queryParameters, Optional<Set<String>> users,
                                  BiConsumer<BlockRow, Decision<Block>> each) {
        BlockLookups lookups = BlockLookups.forRehearsal(users);
        Reads.all(Sources.reader(settings.source().spec(), BlockRow.COLUMNS, queryParameters), record -> {
            BlockRow row = BlockRow.candidate(record);
            if (row == null) {
                return;
            }
            Decision<Block> decision = BlockDecision.decide(row, lookups);
            decision.items().forEach(lookups::noteSent);
            each.accept(row, decision);
        });
    }
}
