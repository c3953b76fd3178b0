package io.maximbatch.jobfile;

import io.maximbatch.source.CsvSource;
import io.maximbatch.source.SourceException;
import io.maximbatch.source.SourceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.databind.JsonNode;

/**
 * One step of a job file. Typed getters check the value and record a problem naming the key and what is
 * expected; step factories read their own keys through them, both to validate and to build.
 */
public final class StepSpec {

    private final String key;
    private final JsonNode node;
    private final Path workingDir;
    private final Problems problems;

    StepSpec(String key, JsonNode node, Path workingDir, Problems problems) {
        this.key = key;
        this.node = node;
        this.workingDir = workingDir;
        this.problems = problems;
    }

    public String name() {
        return node.path("name").asString();
    }

    public String type() {
        return node.path("type").asString();
    }

    Set<String> keys() {
        return Set.copyOf(node.propertyNames());
    }

    String key() {
        return key;
    }

    /** Whether the key is given (and not null). */
    public boolean has(String name) {
        return node.hasNonNull(name);
    }

    /** A nested mapping, read with the same getters; problems name its full key. Null (and a problem) when it is not a mapping. */
    public StepSpec child(String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isObject()) {
            problem(name, "expected a mapping");
            return null;
        }
        return new StepSpec(key + "." + name, value, workingDir, problems);
    }

    /** A list of mappings (e.g. segments), each read with the same getters. */
    public List<StepSpec> children(String name) {
        JsonNode value = node.get(name);
        List<StepSpec> children = new ArrayList<>();
        if (value == null || !value.isArray() || value.isEmpty()) {
            problem(name, "expected a list of at least one mapping");
            return children;
        }
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isObject()) {
                problem(name + "[" + i + "]", "expected a mapping");
            } else {
                children.add(new StepSpec(key + "." + name + "[" + i + "]", value.get(i), workingDir, problems));
            }
        }
        return children;
    }

    /** Records a problem for every key of this mapping that is not allowed. */
    public void allowOnly(Set<String> allowed) {
        for (String k : node.propertyNames()) {
            if (!allowed.contains(k)) {
                problem(k, "unknown key (expected one of " + new java.util.TreeSet<>(allowed) + ")");
            }
        }
    }

    /** A text value; null (and a problem if required) when absent. */
    public String text(String name, boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                problem(name, "missing: expected text");
            }
            return null;
        }
        if (!value.isString() && !value.isNumber()) {
            problem(name, "expected text, got " + value);
            return null;
        }
        return value.asString();
    }

    /** A list of non-empty texts. */
    public List<String> texts(String name) {
        JsonNode value = node.get(name);
        List<String> texts = new ArrayList<>();
        if (value == null || !value.isArray() || value.isEmpty()) {
            problem(name, "expected a list of at least one text");
            return texts;
        }
        for (JsonNode item : value) {
            if (!item.isString() || item.asString().isBlank()) {
                problem(name, "expected texts, got " + item);
            } else {
                texts.add(item.asString());
            }
        }
        return texts;
    }

    /** A mapping of any values (e.g. a message's ext), as plain Java maps, lists and values; empty when absent. */
    public Map<String, Object> object(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            problem(name, "expected a mapping, got " + value);
            return Map.of();
        }
        return tools.jackson.databind.json.JsonMapper.builder().build().convertValue(value,
                new tools.jackson.core.type.TypeReference<Map<String, Object>>() { });
    }

    public void problem(String subKey, String message) {
        problems.add(key + "." + subKey, message);
    }

    public String choice(String name, String defaultValue, Set<String> allowed) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isString() || !allowed.contains(value.asString())) {
            problem(name, "expected one of " + String.join(" | ", allowed) + ", got " + value);
            return defaultValue;
        }
        return value.asString();
    }

    public int wholeNumber(String name, int defaultValue, int min, int max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            problem(name, "expected a whole number from " + min + " to " + max + ", got " + value);
            return defaultValue;
        }
        return value.asInt();
    }

    public boolean flag(String name, boolean defaultValue) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            problem(name, "expected true or false, got " + value);
            return defaultValue;
        }
        return value.asBoolean();
    }

    /**
     * A source: `csv: path` or `jdbc: {url, username, password-env, query, sort-key}`, optionally with
     * `columns: {our_name: their_header}`. A CSV file must exist and its header must hold the required columns.
     */
    public SourceSpec source(String name, List<String> requiredColumns) {
        return source(name, requiredColumns, List.of());
    }

    /** A source whose records may also carry the optional columns; `columns` may name only these and the required ones. */
    public SourceSpec source(String name, List<String> requiredColumns, List<String> optionalColumns) {
        JsonNode value = node.get(name);
        String where = name;
        if (value == null || value.isNull()) {
            problem(where, "missing: expected { csv: path/to/file.csv } or { jdbc: {...} }");
            return null;
        }
        if (!value.isObject()) {
            problem(where, "expected a mapping with csv: or jdbc:, got " + value);
            return null;
        }
        for (String k : value.propertyNames()) {
            if (!Set.of("csv", "jdbc", "sql", "columns").contains(k)) {
                problem(where + "." + k, "unknown key (expected csv, jdbc or sql, columns)");
            }
        }
        if (value.has("sql") && !value.has("jdbc")) {
            // `sql:` (DESIGN's name for a query audience) is the same as `jdbc:`.
            tools.jackson.databind.node.ObjectNode renamed = ((tools.jackson.databind.node.ObjectNode) value).deepCopy();
            renamed.set("jdbc", renamed.remove("sql"));
            value = renamed;
        }
        List<String> known = new ArrayList<>(requiredColumns);
        known.addAll(optionalColumns);
        Map<String, String> columns = columns(value.get("columns"), where + ".columns", known);
        boolean hasCsv = value.has("csv");
        boolean hasJdbc = value.has("jdbc");
        if (hasCsv == hasJdbc) {
            problem(where, "expected exactly one of csv: or jdbc:");
            return null;
        }
        if (hasCsv) {
            JsonNode csv = value.get("csv");
            if (!csv.isString() || csv.asString().isBlank()) {
                problem(where + ".csv", "expected a file path, got " + csv);
                return null;
            }
            Path file = workingDir.resolve(csv.asString()).normalize();
            Path shown = Path.of(csv.asString());
            if (!Files.isRegularFile(file)) {
                problem(where + ".csv", "file not found: " + shown + " (paths are relative to the working directory " + workingDir + ")");
                return null;
            }
            if (!Files.isReadable(file)) {
                problem(where + ".csv", "file not readable: " + shown);
                return null;
            }
            CsvSource probe = new CsvSource(file, columns, requiredColumns);
            try {
                probe.open(new ExecutionContext());
            } catch (SourceException e) {
                problem(where + ".csv", e.getMessage());
            } catch (RuntimeException e) {
                problem(where + ".csv", shown + ": " + e.getMessage());
            } finally {
                probe.close();
            }
            return new SourceSpec.Csv(file, columns);
        }
        JsonNode jdbc = value.get("jdbc");
        if (!jdbc.isObject()) {
            problem(where + ".jdbc", "expected a mapping with url, username, password-env, query, sort-key");
            return null;
        }
        for (String k : jdbc.propertyNames()) {
            if (!Set.of("url", "username", "password-env", "query", "sort-key").contains(k)) {
                problem(where + ".jdbc." + k, k.equals("password")
                        ? "a password must not be written in a job file: name an environment variable with password-env"
                        : "unknown key (expected url, username, password-env, query, sort-key)");
            }
        }
        String url = requiredText(jdbc, "url", where + ".jdbc");
        String query = requiredText(jdbc, "query", where + ".jdbc");
        String sortKey = requiredText(jdbc, "sort-key", where + ".jdbc");
        String username = jdbc.path("username").isString() ? jdbc.path("username").asString() : null;
        String passwordEnv = jdbc.path("password-env").isString() ? jdbc.path("password-env").asString() : null;
        if (url == null || query == null || sortKey == null) {
            return null;
        }
        return new SourceSpec.Jdbc(url, username, passwordEnv, query, sortKey, columns);
    }

    private String requiredText(JsonNode parent, String name, String where) {
        JsonNode value = parent.get(name);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            problem(where + "." + name, "missing: expected text");
            return null;
        }
        return value.asString();
    }

    private Map<String, String> columns(JsonNode value, String where, List<String> known) {
        Map<String, String> columns = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return columns;
        }
        if (!value.isObject()) {
            problem(where, "expected a mapping of our column name to the header in the file");
            return columns;
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!known.contains(entry.getKey())) {
                problem(where + "." + entry.getKey(), "unknown column name (expected one of " + String.join(", ", known) + ")");
            } else if (!entry.getValue().isString()) {
                problem(where + "." + entry.getKey(), "expected a header name, got " + entry.getValue());
            } else {
                columns.put(entry.getKey(), entry.getValue().asString());
            }
        }
        return columns;
    }
}
