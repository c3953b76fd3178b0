package io.maximbatch.campaign;

import java.util.Map;

/** One segment as a job file gives it: its name, its audience and its message. */
record SegmentKeys(String name, AudienceKeys audience, Map<String, Object> message) {
}
