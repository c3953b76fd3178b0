package io.maximbatch.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Resolves our column names against a source's headers, through the job file's `columns` mapping. */
final class ColumnMapping {

    private ColumnMapping() {
    }

    static SourceRecord.Columns resolve(String sourceName, List<String> headers, Map<String, String> mapping,
                                        List<String> required) {
        Map<String, Integer> byHeader = new HashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            byHeader.putIfAbsent(headers.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        Map<String, Integer> index = new HashMap<>(byHeader);
        mapping.forEach((ours, theirs) -> {
            Integer at = byHeader.get(theirs.strip().toLowerCase(Locale.ROOT));
            if (at != null) {
                index.put(ours, at);
            } else {
                // a mapping names the column to use: never fall back silently to a same-named header
                index.remove(ours);
            }
        });
        List<String> missing = new ArrayList<>();
        for (String name : required) {
            if (!index.containsKey(name)) {
                missing.add(mapping.containsKey(name) ? mapping.get(name) + " (for " + name + ")" : name);
            }
        }
        if (!missing.isEmpty()) {
            throw new SourceException(sourceName + ": missing column(s) " + String.join(", ", missing)
                    + "; the header has: " + String.join(", ", headers));
        }
        return new SourceRecord.Columns(List.copyOf(headers), Map.copyOf(index));
    }
}
