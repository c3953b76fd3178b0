package io.maximbatch.campaign;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A campaign step's keys (push or message): one audience and message, or segments; checked by CampaignValidator
 * before the settings are made of them.
 */
sealed interface CampaignKeys permits PushSettings, MessageSettings {

    AudienceKeys audience();

    Map<String, Object> message();

    List<SegmentKeys> segments();

    Integer batchSize();

    /** The step's own frequency cap, or null (the configuration's default then applies). */
    FrequencyCapKeys frequencyCap();

    /** Whether the step reaches users through pushes (tags, aliases, everybody) rather than messages. */
    boolean push();

    /** Whether the targets are groups (a message to groups). */
    default boolean groups() {
        return false;
    }

    /** How long an unsent batch may go out again by itself on a resume; null: however old (the server deduplicates). */
    default Duration resendWindow() {
        return null;
    }

    /** The settings the step runs with: its segments in order (one named after the step when the file gives no segments). */
    default CampaignSettings settings(String stepName) {
        List<Segment> segments = new ArrayList<>();
        if (segments() == null) {
            segments.add(new Segment(stepName, Audience.of(audience()), MessageFields.of(message(), push())));
        } else {
            segments().forEach(s -> segments.add(new Segment(s.name(), Audience.of(s.audience()), MessageFields.of(s.message(), push()))));
        }
        return new CampaignSettings(segments, groups(), batchSize(), resendWindow(), FrequencyCap.of(frequencyCap()));
    }
}
