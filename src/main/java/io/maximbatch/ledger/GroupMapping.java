package io.maximbatch.ledger;

import java.time.Instant;

/** One row of group_map: a legacy group, its owner and name, and the MaxIM group it became (null while PENDING). */
public record GroupMapping(String legacyGroupId, Long groupId, long ownerUserId, String name, State state,
                           long jobInstanceId, long jobExecutionId, String sourceLine, Instant attemptStartedAt) {

    public enum State { PENDING, DONE, ROLLED_BACK }

    /** The one rule of whether the group is in MaxIM as far as we know: created (DONE) with its id, not rolled back. */
    public boolean exists() {
        return state == State.DONE && groupId != null;
    }
}
