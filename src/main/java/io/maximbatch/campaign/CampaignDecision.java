package io.maximbatch.campaign;

import static io.maximbatch.campaign.CampaignReject.*;

import io.maximbatch.maxim.ErrorCodes;
import io.maximbatch.maxim.ItemResult;
import io.maximbatch.step.Decision;
import io.maximbatch.step.LegacyIds;
import io.maximbatch.step.Settled;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The campaign rules, one decision for the run and the dry run: an entry's target is resolved (a legacy id through
 * the ID map, a MaxIM id as it is), and each target is reached at most once per run, by the first entry and segment
 * that names it, however it is named.
 */
final class CampaignDecision {

    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");

    private CampaignDecision() {
    }

    static Decision<Target> decide(AudienceEntry entry, CampaignLookups lookups, List<Segment> segments, boolean groups) {
        if (entry.problem() != null) {
            return Decision.rejected(MALFORMED_RECORD.why(entry.problem()));
        }
        String family = groups ? "group" : "user";
        String target;
        switch (entry.kind()) {
            case TAGS -> target = "tag:" + entry.value();
            case ALIASES -> target = "alias:" + entry.value();
            case ALL -> target = "all";
            default -> {
                if (entry.legacyId() != null) {
                    Optional<LegacyIds.Problem> problem = LegacyIds.problem(entry.legacyId());
                    if (problem.isPresent()) {
                        return Decision.rejected(problem.get() == LegacyIds.Problem.TOO_LONG
                                ? INVALID_LEGACY_ID.why(groups ? "legacy_group_id" : "legacy_id") : INVALID_ENCODING.why());
                    }
                    Long id = lookups.id(entry.legacyId());
                    if (id == null) {
                        return Decision.rejected((groups ? UNKNOWN_GROUP : UNKNOWN_USER).why(entry.legacyId()));
                    }
                    target = family + ":" + id;
                } else if (!ID.matcher(entry.id()).matches()) {
                    return Decision.rejected(INVALID_ID.why(family + "_id", entry.id()));
                } else {
                    target = family + ":" + Long.parseLong(entry.id());
                }
            }
        }
        return lookups.decide(target, segments.get(entry.segment()).name());
    }

    /**
     * A batch's answer, for each of its targets. A batch sent again (resent from the ledger, or retried after an answer
     * that was lost) that MaxIM answers with a code it does not document may have been delivered by the call before:
     * it is neither rejected nor forgotten, the step fails. (What MaxIM answers a repeated request_id is not documented.)
     */
    static Settled sent(ItemResult<?> result, boolean resent) {
        if (result.status() == ItemResult.Status.REFUSED && (resent || result.maybeOurs()) && !ErrorCodes.documented(result.code())) {
            return Settled.failed(new IllegalStateException("a batch sent again was answered " + result.code() + " (" + result.reason()
                    + "), a code MaxIM does not document: the first call may have delivered it, so it stays PENDING;"
                    + " decide with `campaign-batches <execution-id> --resend|--forget`, then resume"));
        }
        return Settled.answered(result, resent, REFUSED);
    }
}
