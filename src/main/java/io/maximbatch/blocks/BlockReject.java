package io.maximbatch.blocks;

import io.maximbatch.outcome.RejectCode;
import io.maximbatch.step.LegacyIds;

/** Why block-users rejects a row, each with its one text. */
enum BlockReject implements RejectCode {
    MALFORMED_RECORD("%s"),
    MISSING_USER("user_legacy_id is empty"),
    MISSING_BLOCKED("blocked_legacy_id is empty"),
    INVALID_USER_LEGACY_ID(LegacyIds.TOO_LONG.formatted(BlockRow.USER)),
    INVALID_BLOCKED_LEGACY_ID(LegacyIds.TOO_LONG.formatted(BlockRow.BLOCKED)),
    INVALID_ENCODING(LegacyIds.UNDECODABLE),
    SELF_BLOCK("a user cannot block themselves (%s)"),
    UNKNOWN_USER("legacy user %s is not registered in MaxIM (unknown, or rejected by the users step)"),
    REFUSED("MaxIM refused the block: %s");

    private final String text;

    BlockReject(String text) {
        this.text = text;
    }

    @Override
    public String text() {
        return text;
    }
}
