package io.maximbatch.groups;

import io.maximbatch.source.SourceRecord;
import io.maximbatch.step.Candidate;
import io.maximbatch.step.SourceVerdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One legacy group to create, as read; avatar: its picture's URL (optional column). */
record GroupRow(String line, String legacyGroupId, String name, String description, String ownerLegacyId, String avatar,
                Map<String, String> settings, String problem, SourceVerdict verdict, LinkedHashMap<String, String> asRead) implements Candidate {

    /** The group settings a row may give (optional boolean columns), by MaxIM's endpoint names. */
    static final List<String> SETTINGS = List.of("history_visible", "allow_member_invitation", "require_admin_approval");

    static GroupRow of(SourceRecord record) {
        Map<String, String> settings = new LinkedHashMap<>();
        SETTINGS.forEach(name -> {
            if (record.get(name) != null) {
                settings.put(name, record.get(name));
            }
        });
        return new GroupRow(record.line(), record.get("legacy_group_id"), record.get("name"), record.get("description"),
                record.get("owner_legacy_id"), record.get("avatar"), Map.copyOf(settings), record.problem(), SourceVerdict.of(record), record.asRead("legacy_group_id"));
    }

    /** A setting's value as written: true/1/yes or false/0/no (any case); empty when it says neither. */
    static Optional<Boolean> flag(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> Optional.of(true);
            case "false", "0", "no" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
