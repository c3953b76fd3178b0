package io.maximbatch.campaign;

import io.maximbatch.source.SourceSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A push-campaign or send-message step's settings: its segments in order, whether they name groups, targets per call,
 * how long after it was recorded an unsent batch may still go out again by itself (null: always; pushes), and its
 * frequency cap (null: none).
 */
record CampaignSettings(List<Segment> segments, boolean groups, int batchSize, Duration resendWindow, FrequencyCap cap) {

    /** The step's own cap, else the configuration's default (maxim.campaigns.frequency-cap). */
    CampaignSettings withDefaultCap(FrequencyCap defaultCap) {
        return cap != null || defaultCap == null ? this : new CampaignSettings(segments, groups, batchSize, resendWindow, defaultCap);
    }

    /** The segments the cap cannot count per person (tags, aliases, everybody, groups): validate warns of them. */
    List<Segment> uncountable() {
        return cap == null ? List.of() : segments.stream().filter(s -> groups || s.audience().kind() != Audience.Kind.SOURCE).toList();
    }

    /** The one audience source whose records can be split among partitions, or null. */
    SourceSpec splitSource() {
        return segments.size() == 1 && segments.get(0).audience().kind() == Audience.Kind.SOURCE ? segments.get(0).audience().source() : null;
    }

    /**
     * The tags and aliases of a step whose segments are all such lists (CampaignValidator refuses them beside other
     * segments), 0 otherwise: the step reads them in one chunk, so that each list goes out whole in one call.
     */
    int listEntries() {
        boolean lists = segments.stream().allMatch(s -> s.audience().kind() == Audience.Kind.TAGS || s.audience().kind() == Audience.Kind.ALIASES);
        return lists ? segments.stream().mapToInt(s -> s.audience().values().size()).sum() : 0;
    }

    /** The segments with ${name} in their texts filled from the run's job parameters. */
    CampaignSettings filled(Map<String, String> parameters, String step) {
        List<Segment> filled = segments.stream()
                .map(s -> new Segment(s.name(), s.audience(), Templates.fill(s.message(), parameters, step + "." + s.name() + ".message")))
                .toList();
        return new CampaignSettings(filled, groups, batchSize, resendWindow, cap);
    }
}
