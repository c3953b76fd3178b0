package io.maximbatch.step;

import io.maximbatch.report.Tally;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A step's dry-run plan: lines for people, the MaxIM calls it would make, and its figures by name (read, written,
 * already done, rejected, as the run's summary will count them, plus figures of its own).
 */
public record Plan(List<String> lines, long calls, Map<String, Long> counts) {

    /** A plan whose figures are the tally's, under prefix (a type that makes two job steps names the second's). */
    public static Map<String, Long> counts(String prefix, Tally tally) {
        Map<String, Long> counts = new HashMap<>();
        counts.put(prefix + "read", tally.read());
        counts.put(prefix + "written", tally.written());
        counts.put(prefix + "updated", tally.updated());
        counts.put(prefix + "alreadyDone", tally.alreadyDone());
        counts.put(prefix + "rejected", tally.rejected());
        return counts;
    }
}
