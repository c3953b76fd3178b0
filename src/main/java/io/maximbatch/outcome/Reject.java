package io.maximbatch.outcome;

import java.util.LinkedHashMap;

/**
 * A record that was not written: where it was read, why it was refused, and its fields as read
 * (secrets already redacted by whoever built it).
 */
public record Reject(String line, String reasonCode, String reason, LinkedHashMap<String, String> fields) {
}
