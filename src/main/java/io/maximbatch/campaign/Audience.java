package io.maximbatch.campaign;

import io.maximbatch.source.SourceSpec;
import java.util.List;
import java.util.Map;

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

    /** The audience a job file's keys describe (checked by CampaignValidator). */
    static Audience of(AudienceKeys keys) {
        if (keys.tag() != null) {
            return new Audience(Kind.TAGS, null, List.copyOf(keys.tag()));
        }
        if (keys.alias() != null) {
            return new Audience(Kind.ALIASES, null, List.copyOf(keys.alias()));
        }
        if (keys.all() != null) {
            return new Audience(Kind.ALL, null, List.of("all"));
        }
        return new Audience(Kind.SOURCE, keys.source().spec(), List.of());
    }

    /** The query's named parameters are bound from these job parameters, never spliced into the text. */
    static Map<String, Object> queryParameters(Map<String, String> jobParameters) {
        return io.maximbatch.source.Sources.queryParameters(jobParameters);
    }
}
