package io.maximbatch.intruder;

import io.maximbatch.groups.ledger.MemberLedger;
import io.maximbatch.step.internal.ChunkOutcomes;

/**
 * Not part of the application: a package that uses two modules' internals (the groups feature's ledger, the write
 * path's chunk plumbing), for ModularityTest to show that ApplicationModules.verify() refuses it.
 */
public final class ReachesIntoGroups {

    private ReachesIntoGroups() {
    }

    public static String internals(MemberLedger ledger, ChunkOutcomes outcomes) {
        return ledger + " " + outcomes;
    }
}
