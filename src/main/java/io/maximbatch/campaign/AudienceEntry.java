package io.maximbatch.campaign;

import io.maximbatch.step.Candidate;
import java.util.LinkedHashMap;

/**
 * One record of a segment's audience as read: a legacy id or a MaxIM id (of a user or a group), a tag, an alias,
 * or everybody; with where it was read and its fields for the reject report.
 */
record AudienceEntry(int segment, String line, Audience.Kind kind, String legacyId, String id, String value,
                     String problem, LinkedHashMap<String, String> asRead) implements Candidate {
}
