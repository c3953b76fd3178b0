package io.maximbatch.campaign;

import io.maximbatch.outcome.RejectCode;
import io.maximbatch.step.LegacyIds;

/** Why a campaign step rejects an audience entry, each with its one text. */
enum CampaignReject implements RejectCode {
    MALFORMED_RECORD("%s"),
    UNKNOWN_USER("legacy user %s is not in MaxIM (unknown, or rejected by the migration)"),
    UNKNOWN_GROUP("legacy group %s is not in MaxIM (unknown, or rejected by the migration)"),
    INVALID_ID("%s is not a number: %s"),
    INVALID_LEGACY_ID(LegacyIds.TOO_LONG),
    INVALID_ENCODING(LegacyIds.UNDECODABLE),
    REFUSED("MaxIM refused the batch: %s");

    private final String text;

    CampaignReject(String text) {
        this.text = text;
    }

    @Override
    public String text() {
        return text;
    }
}
