package io.maximbatch.blocks;

import io.maximbatch.ledger.AppliedState;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.maxim.ConcurrentCalls;
import io.maximbatch.maxim.MaximClient;
import io.maximbatch.maxim.RosterBlocks;
import io.maximbatch.outcome.Outcome;
import io.maximbatch.report.StepRecords;
import io.maximbatch.step.AppliedChanges;
import io.maximbatch.step.Decision;
import io.maximbatch.step.OutcomeWriter;
import io.maximbatch.step.Settled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Makes a chunk's blocks (/roster/block as the blocking user), one call each, concurrently. Each block is PENDING in the
 * applied-state ledger (committed) before its call and applied after; one whose earlier call never heard its answer is
 * read back (/roster/blocked_list) before it is sent again, and a repeat answered 10006 is already there.
 */
final class BlockWriter extends OutcomeWriter<BlockRow, Block, Settled, BlockWriter.Uses> {

    record Uses(MaximClient client, UserMap userMap, AppliedState applied) {
    }

    BlockWriter(StepRecords records, ConcurrentCalls calls, Uses uses) {
        super(records, calls, uses);
    }

    @Override
    protected List<Decision<Block>> decide(List<? extends BlockRow> chunk) {
        Map<String, Long> ids = uses.userMap().userIds(chunk.stream().flatMap(r -> Stream.of(r.userLegacyId(), r.blockedLegacyId()))
                .filter(Objects::nonNull).distinct().toList());
        List<AppliedState.Key> keys = new ArrayList<>();
        chunk.forEach(r -> {
            if (ids.containsKey(r.userLegacyId()) && ids.containsKey(r.blockedLegacyId())) {
                keys.add(Block.key(ids.get(r.userLegacyId()), ids.get(r.blockedLegacyId())));
            }
        });
        BlockLookups lookups = BlockLookups.forChunk(ids, uses.applied().find(keys));
        return chunk.stream().map(row -> BlockDecision.decide(row, lookups)).toList();
    }

    @Override
    protected List<Block> beforeCalls(List<Block> blocks, Map<Block, Settled> settled) {
        return AppliedChanges.beforeCalls(uses.applied(), blocks, Block::change,
                block -> block.maybeApplied() && RosterBlocks.blocked(uses.client(), block.userId()).contains(block.blockedId()),
                block -> Outcome.WRITTEN, settled);
    }

    @Override
    protected List<Callable<Map<Block, Settled>>> calls(List<Block> blocks) {
        List<Callable<Map<Block, Settled>>> calls = new ArrayList<>();
        blocks.forEach(block -> calls.add(() -> Map.of(block, Settled.answered(RosterBlocks.block(uses.client(), block.userId(),
                block.blockedId()), block.maybeApplied(), BlockReject.REFUSED))));
        return calls;
    }

    @Override
    protected Map<Block, Settled> afterCalls(Map<Block, Settled> results) {
        return AppliedChanges.afterCalls(uses.applied(), results, Block::change);
    }
}
