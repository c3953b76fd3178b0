package io.maximbatch.blocks;

import io.maximbatch.ledger.AppliedState;
import io.maximbatch.step.UserIds;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the block decision looks up: the MaxIM user of a legacy id (the ID map's, or one an earlier step of validate or
 * reconcile would register), and what the applied-state ledger holds of a block (or what a rehearsal counted already).
 */
final class BlockLookups {

    private final UserIds users;
    private final Map<AppliedState.Key, AppliedState.State> blocks = new HashMap<>();

    private BlockLookups(UserIds users) {
        this.users = users;
    }

    /** A run's lookups for one chunk (the dry run's too): user ids from the ID map, blocks from the ledger. */
    static BlockLookups forChunk(Map<String, Long> userIds, Map<AppliedState.Key, AppliedState.State> blocks) {
        BlockLookups lookups = new BlockLookups(UserIds.registered());
        lookups.users.load(userIds);
        lookups.blocks.putAll(blocks);
        return lookups;
    }

    /** validate's and reconcile's: no ledger, the users an earlier step would register (any, when empty). */
    static BlockLookups forRehearsal(Optional<Set<String>> foreseen) {
        return new BlockLookups(UserIds.foreseen(foreseen));
    }

    Long user(String legacyId) {
        return users.of(legacyId);
    }

    AppliedState.State state(long userId, long blockedId) {
        return blocks.get(Block.key(userId, blockedId));
    }

    /** A rehearsal counts a block it would make as made, for the rows after it, as the run's ledger would. */
    void noteSent(Block block) {
        blocks.put(Block.key(block.userId(), block.blockedId()), new AppliedState.State(Block.HASH, null));
    }
}
