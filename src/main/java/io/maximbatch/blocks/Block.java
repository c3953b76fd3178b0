package io.maximbatch.blocks;

import io.maximbatch.ledger.AppliedState;

/** A block to make: user blocks blocked (MaxIM ids); maybeApplied when an earlier call of ours never heard its answer. */
record Block(long userId, long blockedId, boolean maybeApplied) {

    /** Recorded as applied once MaxIM has it: the same value for every block. */
    static final String HASH = AppliedState.hash("blocked");

    static AppliedState.Key key(long userId, long blockedId) {
        return new AppliedState.Key("block:" + userId + ">" + blockedId, "blocked");
    }

    AppliedState.Change change() {
        return new AppliedState.Change(key(userId, blockedId), HASH);
    }
}
