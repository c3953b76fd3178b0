package io.maximbatch.groups;

import io.maximbatch.source.SourceRecord;
import io.maximbatch.step.Candidate;
import java.util.LinkedHashMap;

/** One legacy group to create, as read; avatar: its picture's URL (optional column). */
record GroupRow(String line, String legacyGroupId, String name, String description, String ownerLegacyId, String avatar, String problem,
                LinkedHashMap<String, String> asRead) implements Candidate {

    static GroupRow of(SourceRecord record) {
        return new GroupRow(record.line(), record.get("legacy_group_id"), record.get("name"), record.get("description"),
                record.get("owner_legacy_id"), record.get("avatar"), record.problem(), record.asRead("legacy_group_id"));
    }
}
