package io.maximbatch.campaign;

import io.maximbatch.ledger.GroupMap;
import io.maximbatch.ledger.UserMap;
import io.maximbatch.report.Outcome;
import io.maximbatch.report.Tally;
import io.maximbatch.step.ChunkOutcomes;
import io.maximbatch.step.Decision;
import io.maximbatch.step.Plan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * A campaign's dry run: every segment's audience read, resolved through the ID maps (read-only) and put through the
 * run's decision, so that a person named twice (by legacy id and by user id, in two segments) is one target here as
 * in the run; per segment, its targets, repeats, rejects and the calls they take. Nothing is sent or written.
 */
final class CampaignPlan {

    private final CampaignSettings settings;
    private final UserMap userMap;
    private final GroupMap groupMap;
    private final ToIntFunction<String> maxBatch;
    private final CampaignLookups lookups = CampaignLookups.forRehearsal();
    private final Tally total = new Tally();
    private final List<Tally> bySegment = new ArrayList<>();
    private final long[] calls;

    /** maxBatch: the most targets of a family one call carries, as the step's dispatcher says. */
    CampaignPlan(CampaignSettings settings, UserMap userMap, GroupMap groupMap, ToIntFunction<String> maxBatch) {
        this.settings = settings;
        this.userMap = userMap;
        this.groupMap = groupMap;
        this.maxBatch = maxBatch;
        settings.segments().forEach(s -> bySegment.add(new Tally()));
        this.calls = new long[settings.segments().size()];
    }

    /** Calls are counted as the writer makes them: per chunk, per segment and kind of target, in batches of maxBatch. */
    void chunk(List<AudienceEntry> entries) {
        lookups.load(CampaignWriter.ids(entries.stream().filter(e -> e.problem() == null).map(AudienceEntry::legacyId)
                .filter(Objects::nonNull).toList(), settings.groups(), userMap, groupMap));
        List<Decision<Target>> decisions = entries.stream()
                .map(entry -> CampaignDecision.decide(entry, lookups, settings.segments(), settings.groups())).toList();
        Set<Target> fresh = new HashSet<>();
        Map<String, Integer> perBatchGroup = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            for (Target target : decisions.get(i).items()) {
                if (fresh.add(target)) {
                    perBatchGroup.merge(entries.get(i).segment() + "/" + target.family(), 1, Integer::sum);
                }
            }
        }
        perBatchGroup.forEach((group, n) -> {
            int perCall = maxBatch.applyAsInt(group.substring(group.indexOf('/') + 1));
            calls[Integer.parseInt(group.substring(0, group.indexOf('/')))] += (n + perCall - 1) / perCall;
        });
        ChunkOutcomes.each(entries, decisions, target -> Outcome.WRITTEN, (entry, outcome) -> {
            bySegment.get(entry.segment()).add(entry.line(), entry.asRead(), outcome);
            total.add(entry.line(), entry.asRead(), outcome);
        });
    }

    Tally total() {
        return total;
    }

    Plan result(Path report) {
        List<String> lines = new ArrayList<>();
        long allCalls = 0;
        for (int i = 0; i < calls.length; i++) {
            Tally segment = bySegment.get(i);
            allCalls += calls[i];
            lines.add(String.format("segment %s: %d audience rows: %d targets, %d already done, %d rejected; %d calls",
                    settings.segments().get(i).name(), segment.read(), segment.written(), segment.alreadyDone(), segment.rejected(), calls[i]));
        }
        if (report != null) {
            lines.add("would-be rejects in " + report);
        }
        return new Plan(lines, allCalls, Plan.counts("", total));
    }
}
