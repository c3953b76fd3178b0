package io.maximbatch.campaign;

import io.maximbatch.jobfile.StepSpec;
import io.maximbatch.source.SourceSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who a segment reaches: users or groups read from a CSV file or an SQL query (by legacy id through the ID maps,
 * or by MaxIM id), a list of push tags or aliases, or all users of the app.
 */
record Audience(Kind kind, SourceSpec source, List<String> values) {

    enum Kind { SOURCE, TAGS, ALIASES, ALL }

    /** Columns an audience source may have; each row needs one of them. */
    static final List<String> USER_COLUMNS = List.of("legacy_id", "user_id");
    static final List<String> GROUP_COLUMNS = List.of("legacy_group_id", "group_id");
    static final int MAX_LIST = 500;

    static Audience read(StepSpec spec, String key, boolean pushTargets, List<String> columns) {
        StepSpec audience = spec.child(key);
        if (audience == null) {
            return null;
        }
        Set<String> kinds = pushTargets ? Set.of("csv", "jdbc", "sql", "columns", "tag", "alias", "all") : Set.of("csv", "jdbc", "sql", "columns");
        audience.allowOnly(kinds);
        long kindsGiven = Set.of("csv", "jdbc", "sql", "tag", "alias", "all").stream().filter(audience::has).count();
        if (kindsGiven > 1) {
            audience.problem("kind", "give one kind of audience: csv, sql (or jdbc), tag, alias or all");
        }
        if (pushTargets && (audience.has("tag") || audience.has("alias"))) {
            String listKey = audience.has("tag") ? "tag" : "alias";
            List<String> values = audience.texts(listKey);
            if (values.size() > MAX_LIST) {
                // One call reaches a user once; a list split over calls could reach a user through two of them.
                audience.problem(listKey, "at most " + MAX_LIST + " per segment (one /push/notify call), got " + values.size());
            }
            return new Audience(listKey.equals("tag") ? Kind.TAGS : Kind.ALIASES, null, values);
        }
        if (pushTargets && audience.has("all")) {
            if (!audience.flag("all", false)) {
                audience.problem("all", "only `all: true` makes sense");
            }
            return new Audience(Kind.ALL, null, List.of("all"));
        }
        return new Audience(Kind.SOURCE, spec.source(key, List.of(), columns), List.of());
    }

    /** The query's named parameters are bound from these job parameters, never spliced into the text. */
    static Map<String, Object> queryParameters(Map<String, String> jobParameters) {
        return Map.copyOf(jobParameters);
    }
}
