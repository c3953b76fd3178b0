package io.maximbatch.campaign;

import io.maximbatch.jobfile.StepSpec;
import io.maximbatch.source.SourceSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A push-campaign or send-message step's keys: its segments (or one audience and message) and its batch size. */
record CampaignSettings(List<Segment> segments, boolean groups, int batchSize) {

    static final Set<String> PUSH_KEYS = Set.of("audience", "message", "segments", "batch-size");
    static final Set<String> MESSAGE_KEYS = Set.of("audience", "message", "segments", "batch-size", "to");
    private static final Set<String> PUSH_MESSAGE_KEYS = Set.of("type", "title", "body", "attachment_url", "ext");
    private static final Set<String> MESSAGE_MESSAGE_KEYS = Set.of("content", "ext", "from-user-id");

    static CampaignSettings push(StepSpec spec) {
        return new CampaignSettings(segments(spec, true, false), false,
                spec.wholeNumber("batch-size", PushDispatcher.MAX_TARGETS, 1, PushDispatcher.MAX_TARGETS));
    }

    /** The one audience source whose records can be split among partitions, or null. */
    SourceSpec splitSource() {
        return segments.size() == 1 && segments.get(0).audience() != null && segments.get(0).audience().kind() == Audience.Kind.SOURCE
                ? segments.get(0).audience().source() : null;
    }

    static CampaignSettings message(StepSpec spec) {
        boolean groups = "groups".equals(spec.choice("to", "users", Set.of("users", "groups")));
        return new CampaignSettings(segments(spec, false, groups), groups, spec.wholeNumber("batch-size", 100, 1, 500));
    }

    private static List<Segment> segments(StepSpec spec, boolean push, boolean groups) {
        List<String> columns = groups ? Audience.GROUP_COLUMNS : Audience.USER_COLUMNS;
        List<Segment> segments = new ArrayList<>();
        if (spec.has("segments")) {
            if (spec.has("audience") || spec.has("message")) {
                spec.problem("segments", "give either segments or one audience and message, not both");
            }
            Set<String> names = new HashSet<>();
            for (StepSpec segment : spec.children("segments")) {
                segment.allowOnly(Set.of("name", "audience", "message"));
                String name = segment.text("name", true);
                if (name != null && (!name.matches("[a-z0-9-]+") || !names.add(name))) {
                    segment.problem("name", "expected a unique name of lower-case letters, digits and '-', got " + name);
                }
                segments.add(new Segment(name, Audience.read(segment, "audience", push, columns), message(segment, push)));
            }
        } else {
            segments.add(new Segment(spec.name(), Audience.read(spec, "audience", push, columns), message(spec, push)));
        }
        if (segments.size() > 1 && segments.stream().anyMatch(s -> s.audience() != null && s.audience().kind() == Audience.Kind.ALL)) {
            // `all` reaches every user: beside other segments, their users would be pushed twice.
            spec.problem("segments", "an audience of `all: true` must be the campaign's only segment");
        }
        return segments;
    }

    private static Map<String, Object> message(StepSpec spec, boolean push) {
        StepSpec message = spec.child("message");
        if (message == null) {
            return Map.of();
        }
        message.allowOnly(push ? PUSH_MESSAGE_KEYS : MESSAGE_MESSAGE_KEYS);
        Map<String, Object> fields = new LinkedHashMap<>();
        if (push) {
            fields.put("type", message.choice("type", "text", Set.of("text", "image", "cmd")));
            fields.put("title", message.text("title", false));
            fields.put("body", message.text("body", "text".equals(fields.get("type"))));
            fields.put("attachment_url", message.text("attachment_url", "image".equals(fields.get("type"))));
        } else {
            fields.put("content", message.text("content", true));
            String from = message.text("from-user-id", false);
            if (from != null && !from.matches("[0-9]{1,18}")) {
                message.problem("from-user-id", "expected a MaxIM user id (a number), got " + from);
            }
            fields.put("from-user-id", from);
        }
        fields.put("ext", message.object("ext"));
        return fields;
    }

    /** The segments with ${name} in their texts filled from the run's job parameters. */
    CampaignSettings filled(Map<String, String> parameters, String step) {
        List<Segment> filled = segments.stream()
                .map(s -> new Segment(s.name(), s.audience(), Templates.fill(s.message(), parameters, step + "." + s.name() + ".message")))
                .toList();
        return new CampaignSettings(filled, groups, batchSize);
    }
}
