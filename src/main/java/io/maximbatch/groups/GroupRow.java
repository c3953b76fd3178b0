package io.maximbatch.groups;

import java.util.LinkedHashMap;

/** One legacy group to create, as read. */
record GroupRow(String line, String legacyGroupId, String name, String description, String ownerLegacyId,
                LinkedHashMap<String, String> asRead) {
}
