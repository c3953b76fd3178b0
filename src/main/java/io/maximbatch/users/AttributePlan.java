package io.maximbatch.users;

import io.maximbatch.ledger.AppliedState;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.ledger.UserMapping;
import io.maximbatch.report.Outcome;
import io.maximbatch.report.Tally;
import io.maximbatch.step.ChunkOutcomes;
import io.maximbatch.step.Decision;
import io.maximbatch.step.Plan;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A dry run of the attributes step: the run's decision for each row with the applied-state ledger read (never
 * written), for the users the plan's users step registers from those rows; the calls the run makes, kind by kind.
 */
final class AttributePlan {

    private final UserMap userMap;
    private final AppliedState applied;
    private final UserRegistrationPlan users;
    private final Tally tally = new Tally();
    private final Map<AccountAttribute, Long> changes = new EnumMap<>(AccountAttribute.class);
    private long calls;

    AttributePlan(UserMap userMap, AppliedState applied, UserRegistrationPlan users) {
        this.userMap = userMap;
        this.applied = applied;
        this.users = users;
    }

    /** The decisions of one chunk of the rows the run's reader passes on (ChangedRowsReader), and their calls. */
    void chunk(List<UserRow> rows) {
        List<UserRow> valid = rows.stream().filter(row -> UserDecision.broken(row).isEmpty()).toList();
        List<Decision<AttributeChange>> decisions = decide(valid);
        Map<AccountAttribute, Long> inChunk = new EnumMap<>(AccountAttribute.class);
        decisions.forEach(decision -> decision.items().stream()
                .filter(c -> !(c.attribute() == AccountAttribute.DISABLED && c.first() && c.value().equals("false")))
                .forEach(c -> {
                    inChunk.merge(c.attribute(), 1L, Long::sum);
                    if (c.attribute() == AccountAttribute.TAGS) {
                        // A bind, an unbind, or both: see AttributeCalls.
                        calls += (c.tagsToBind().isEmpty() ? 0 : 1) + (c.tagsToUnbind().isEmpty() ? 0 : 1);
                    }
                }));
        ChunkOutcomes.tally(valid, decisions, AttributeWriter::applied, tally);
        inChunk.forEach((attribute, n) -> {
            changes.merge(attribute, n, Long::sum);
            calls += switch (attribute) {
                case PROFILE, AVATAR, DISABLED -> (n + AttributeWriter.BATCH - 1) / AttributeWriter.BATCH;
                case ALIAS -> n;
                case TAGS -> 0;
            };
        });
    }

    /** The run's decision for valid rows, for the users the plan's users step registers from them. */
    List<Decision<AttributeChange>> decide(List<UserRow> valid) {
        Map<String, UserMapping> mappings = userMap.findByLegacyIds(valid.stream().map(UserRow::legacyId).toList());
        Map<AppliedState.Key, AppliedState.State> states = applied.find(AttributeDecision.keys(valid));
        List<Decision<AttributeChange>> decisions = new ArrayList<>();
        for (UserRow row : valid) {
            // A user the run will register has no id yet: any number stands in for it.
            UserMapping mapping = mappings.get(row.legacyId());
            Long userId = !users.registersFrom(row) ? null : mapping != null && mapping.userId() != null ? mapping.userId() : 0L;
            decisions.add(AttributeDecision.decide(row, userId, states));
        }
        return decisions;
    }

    /** Rows the reader passed over as already done. */
    void alreadyDone(long rows) {
        tally.addAlreadyDone(rows);
    }

    long calls() {
        return calls;
    }

    /** The plan's lines and figures (as "attributes." counts), beside the users step's. */
    void addTo(List<String> lines, Map<String, Long> counts) {
        lines.add("attributes: " + tally.written() + " accounts get their first values, " + tally.updated() + " changed ones, "
                + tally.alreadyDone() + " already done, " + tally.rejected() + " not registered; " + changes.getOrDefault(AccountAttribute.PROFILE, 0L)
                + " profiles, " + changes.getOrDefault(AccountAttribute.AVATAR, 0L) + " avatars, " + changes.getOrDefault(AccountAttribute.TAGS, 0L)
                + " tag sets, " + changes.getOrDefault(AccountAttribute.ALIAS, 0L) + " aliases, " + changes.getOrDefault(AccountAttribute.DISABLED, 0L)
                + " disabled flags in " + calls + " calls");
        counts.putAll(Plan.counts("attributes.", tally));
        changes.forEach((attribute, n) -> counts.put("attributes." + attribute.key(), n));
    }

}
