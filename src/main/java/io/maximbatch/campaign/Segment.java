package io.maximbatch.campaign;

import java.util.Map;

/** A part of a campaign: who it reaches and what they get. Earlier segments win: a target gets one message per run. */
record Segment(String name, Audience audience, Map<String, Object> message) {
}
