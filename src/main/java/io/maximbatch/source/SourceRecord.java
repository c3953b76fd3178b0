package io.maximbatch.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** The record as read, keyed by the source's own headers, for the reject report. */
    public LinkedHashMap<String, String> asRead() {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        List<String> headers = columns.headers();
        for (int i = 0; i < Math.max(headers.size(), values.length); i++) {
            String header = i < headers.size() ? headers.get(i) : "extra_" + (i - headers.size() + 1);
            fields.put(header, i < values.length ? values[i] : "");
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
