package io.maximbatch.campaign;

import io.maximbatch.jobfile.StepFactory.Plan;
import io.maximbatch.ledger.GroupMap;
import io.maximbatch.ledger.GroupMapping;
import io.maximbatch.ledger.UserMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

/**
 * A campaign's dry run: reads every segment's audience, resolves it through the ID maps (read-only) and counts,
 * per segment, the targets left after de-duplication and the calls they take; nothing is sent or written.
 */
@Component
class CampaignPlanner {

    private final UserMap userMap;
    private final GroupMap groupMap;

    CampaignPlanner(UserMap userMap, GroupMap groupMap) {
        this.userMap = userMap;
        this.groupMap = groupMap;
    }

    /** Calls are counted as the writer makes them: per chunk, per segment and kind of target, in batches of maxBatch. */
    Plan plan(String step, CampaignSettings settings, Map<String, String> parameters, int maxBatch, int chunkSize) {
        CampaignSettings filled = settings.filled(parameters, step);
        SegmentedAudienceReader reader = new SegmentedAudienceReader(filled.segments(),
                filled.groups() ? Audience.GROUP_COLUMNS : Audience.USER_COLUMNS, Audience.queryParameters(parameters));
        Set<String> seen = new HashSet<>();
        long[] rows = new long[filled.segments().size()];
        long[] targets = new long[filled.segments().size()];
        long[] unknown = new long[filled.segments().size()];
        long[] calls = new long[filled.segments().size()];
        List<AudienceEntry> pending = new ArrayList<>();
        reader.open(new ExecutionContext());
        try {
            for (AudienceEntry entry = reader.read(); entry != null; entry = reader.read()) {
                rows[entry.segment()]++;
                pending.add(entry);
                if (pending.size() == chunkSize) {
                    count(pending, filled.groups(), seen, targets, unknown, calls, maxBatch);
                    pending.clear();
                }
            }
            count(pending, filled.groups(), seen, targets, unknown, calls, maxBatch);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(step + ": " + e.getMessage(), e);
        } finally {
            reader.close();
        }
        List<String> lines = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < rows.length; i++) {
            total += calls[i];
            lines.add(String.format("segment %s: %d audience rows, %d targets after de-duplication, %d unknown or invalid, %d calls",
                    filled.segments().get(i).name(), rows[i], targets[i], unknown[i], calls[i]));
        }
        return new Plan(lines, total);
    }

    private void count(List<AudienceEntry> entries, boolean groups, Set<String> seen, long[] targets, long[] unknown,
                       long[] calls, int maxBatch) {
        Map<String, Integer> perBatchGroup = new java.util.HashMap<>();
        Set<String> legacyIds = new HashSet<>();
        entries.stream().filter(e -> e.problem() == null && e.legacyId() != null).forEach(e -> legacyIds.add(e.legacyId()));
        Set<String> known = new HashSet<>();
        if (groups) {
            groupMap.find(legacyIds).forEach((id, mapping) -> {
                if (mapping.state() == GroupMapping.State.DONE) {
                    known.add(id);
                }
            });
        } else {
            known.addAll(userMap.userIds(legacyIds).keySet());
        }
        for (AudienceEntry entry : entries) {
            String target = entry.problem() != null ? null
                    : entry.kind() != Audience.Kind.SOURCE ? entry.kind() + ":" + entry.value()
                    : entry.legacyId() != null ? (known.contains(entry.legacyId()) ? "legacy:" + entry.legacyId() : null)
                    : entry.id().matches("[0-9]{1,18}") ? "id:" + entry.id() : null;
            if (target == null) {
                unknown[entry.segment()]++;
            } else if (seen.add(target)) {
                targets[entry.segment()]++;
                perBatchGroup.merge(entry.segment() + "/" + entry.kind(), 1, Integer::sum);
            }
        }
        perBatchGroup.forEach((group, n) -> calls[Integer.parseInt(group.substring(0, group.indexOf('/')))] += (n + maxBatch - 1) / maxBatch);
    }
}
