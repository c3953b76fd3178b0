package io.maximbatch.step;

import java.util.LinkedHashMap;

/** A record as a step reads it: where it was read, and its fields as read (secrets redacted) for the reject report. */
public interface Candidate {

    String line();

    LinkedHashMap<String, String> asRead();
}
