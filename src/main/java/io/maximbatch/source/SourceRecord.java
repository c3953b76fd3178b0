package io.maximbatch.source;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One record as read: where it came from (a CSV line number or a JDBC sort key), its values by the source's
 * own column names, and a problem when the record itself is malformed (e.g. wrong number of columns).
 */
public record SourceRecord(String line, Columns columns, String[] values, String problem) {

    /** The value of one of our column names (after the job file's `columns` mapping); null when absent or blank. */
    public String get(String ourName) {
        Integer index = columns.indexOf(ourName);
        if (index == null || index >= values.length) {
            return null;
        }
        String value = values[index];
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The source's own header that our column name maps to, or null. */
    public String header(String ourName) {
        Integer index = columns.indexOf(ourName);
        return index == null || index >= columns.headers().size() ? null : columns.headers().get(index);
    }

    /** What a reject report shows instead of a value it must not. */
    public static final String MASKED = "***";

    /**
     * The record as read, keyed by the source's own headers, for the reject report. In a malformed record only the
     * identifying columns named (our names) keep their values: a shifted row can carry a password in any column.
     */
    public LinkedHashMap<String, String> asRead(String... identifying) {
        Set<String> kept = new HashSet<>();
        for (String ourName : identifying) {
            kept.add(header(ourName));
        }
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        List<String> headers = columns.headers();
        for (int i = 0; i < Math.max(headers.size(), values.length); i++) {
            String header = i < headers.size() ? headers.get(i) : "extra_" + (i - headers.size() + 1);
            String value = i < values.length ? values[i] : "";
            boolean masked = problem != null && !kept.contains(header) && value != null && !value.isEmpty();
            fields.put(header, masked ? MASKED : value);
        }
        return fields;
    }

    /** The headers of a source and where each of our column names sits among them; shared by all its records. */
    public record Columns(List<String> headers, Map<String, Integer> index) {
        Integer indexOf(String ourName) {
            return index.get(ourName);
        }
    }
}
