package io.maximbatch.jobfile;

import io.maximbatch.maxim.CallGuard;
import io.maximbatch.source.SourceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads a job file and checks all of it, reporting every problem with the file and key it concerns. */
@Component
public class JobFileParser {

    private static final Pattern JOB_NAME = Pattern.compile("[a-z0-9-]+");
    private static final Set<String> JOB_KEYS = Set.of("name", "description", "schedule", "rate-limit", "parameters", "steps");
    private static final Set<String> COMMON_STEP_KEYS = Set.of("name", "type", "chunk-size", "skip-limit", "partitions");

    private final Map<String, StepKind<?>> kinds = new LinkedHashMap<>();
    private final SettingsBinder binder;

    public JobFileParser(List<? extends StepKind<?>> kinds) {
        this(kinds, SourceSettings.DEFAULTS);
    }

    /** sourceSettings: what the operator allows database sources (maxim.sources.*), handed to every source read. */
    @Autowired
    public JobFileParser(List<? extends StepKind<?>> kinds, SourceSettings sourceSettings) {
        kinds.forEach(k -> this.kinds.put(k.type(), k));
        this.binder = new SettingsBinder(sourceSettings);
    }

    /** Parses and checks the file; throws {@link JobFileException} listing every problem. */
    public JobFile parse(Path path) {
        return parse(path, Path.of("").toAbsolutePath());
    }

    public JobFile parse(Path path, Path workingDir) {
        return parse(path, workingDir, true);
    }

    /** Parses and checks the file but for what it needs from the environment ({@link EnvironmentChecks}): for export-map. */
    public JobFile parseWithoutEnvironment(Path path) {
        return parse(path, Path.of("").toAbsolutePath(), false);
    }

    private JobFile parse(Path path, Path workingDir, boolean environment) {
        Problems problems = new Problems(path.toString());
        JsonNode root;
        try {
            root = YAMLMapper.builder().build().readTree(Files.readString(path));
        } catch (NoSuchFileException e) {
            throw new JobFileException(List.of(path + ": job file not found"));
        } catch (IOException e) {
            throw new JobFileException(List.of(path + ": cannot read: " + e.getMessage()));
        } catch (JacksonException e) {
            throw new JobFileException(List.of(path + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
        }
        if (root == null || !root.isObject()) {
            throw new JobFileException(List.of(path + ": expected a mapping with name and steps"));
        }
        for (String key : root.propertyNames()) {
            if (!JOB_KEYS.contains(key)) {
                problems.add(key, "unknown key (expected one of " + new TreeSet<>(JOB_KEYS) + ")");
            }
        }
        String name = root.path("name").isString() ? root.path("name").asString() : null;
        if (name == null || !JOB_NAME.matcher(name).matches() || name.length() > 80) {
            problems.add("name", "expected lower-case letters, digits and '-' (at most 80), got "
                    + (root.has("name") ? root.get("name") : "nothing"));
        }
        String description = root.path("description").isString() ? root.path("description").asString() : null;
        String schedule = null;
        if (root.hasNonNull("schedule")) {
            JsonNode value = root.get("schedule");
            if (!value.isString()) {
                problems.add("schedule", "expected a Spring cron expression in quotes, e.g. \"0 0 9 * * MON\"");
            } else {
                try {
                    CronExpression.parse(value.asString());
                    schedule = value.asString();
                } catch (IllegalArgumentException e) {
                    problems.add("schedule", "not a valid cron expression (six fields: second minute hour day month weekday): " + e.getMessage());
                }
            }
        }
        Double rateLimit = null;
        if (root.hasNonNull("rate-limit")) {
            JsonNode value = root.get("rate-limit");
            if (!value.isNumber() || CallGuard.rateProblem(value.asDouble()) != null) {
                problems.add("rate-limit", "expected a number of requests per second from 0.1 to 100000, got " + value);
            } else {
                rateLimit = value.asDouble();
            }
        }
        Map<String, String> parameterDefaults = new LinkedHashMap<>();
        List<String> parameters = parameters(root.get("parameters"), parameterDefaults, problems);
        List<StepDefinition<?>> steps = new ArrayList<>();
        JsonNode stepNodes = root.get("steps");
        if (stepNodes == null || !stepNodes.isArray() || stepNodes.isEmpty()) {
            problems.add("steps", "expected a list of at least one step");
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < stepNodes.size(); i++) {
                StepDefinition<?> step = step(stepNodes.get(i), "steps[" + i + "]", workingDir, problems, names, environment);
                if (step != null) {
                    steps.add(step);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new JobFileException(problems.messages());
        }
        return new JobFile(path, name, description, schedule, rateLimit, parameters, steps, Map.copyOf(parameterDefaults));
    }

    /**
     * The run parameters the file declares it accepts; null when it does not declare them. One written name=value
     * has that default (into defaults), as a command line gives it.
     */
    private static List<String> parameters(JsonNode node, Map<String, String> defaults, Problems problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> {
                String[] declared = item.isString() ? item.asString().split("=", 2) : new String[] {""};
                if (JobFile.PARAMETER_NAME.matcher(declared[0]).matches()) {
                    names.add(declared[0]);
                    if (declared.length == 2) {
                        defaults.put(declared[0], declared[1]);
                    }
                }
            });
        }
        if (!node.isArray() || names.size() != node.size()) {
            problems.add("parameters", "expected a list of parameter names (a letter, then letters, digits, _ . -), each"
                    + " with its default as name=value if it has one, e.g. [campaign_date, county=all], got " + node);
        }
        return List.copyOf(names);
    }

    private StepDefinition<?> step(JsonNode node, String key, Path workingDir, Problems problems, Set<String> names, boolean environment) {
        if (!node.isObject()) {
            problems.add(key, "expected a mapping with name and type");
            return null;
        }
        String name = node.path("name").isString() ? node.path("name").asString() : null;
        if (name == null || !JOB_NAME.matcher(name).matches()) {
            problems.add(key + ".name", "expected lower-case letters, digits and '-', got " + (node.has("name") ? node.get("name") : "nothing"));
        }
        String type = node.path("type").isString() ? node.path("type").asString() : null;
        StepKind<?> kind = type == null ? null : kinds.get(type);
        if (kind == null) {
            problems.add(key + ".type", "expected one of " + String.join(", ", kinds.keySet()) + ", got "
                    + (node.has("type") ? node.get("type") : "nothing"));
            return null;
        }
        if (name != null) {
            for (String stepName : kind.stepNames(name)) {
                if (!names.add(stepName)) {
                    problems.add(key + ".name", stepName.equals(name) ? "another step is already called " + name
                            : "this step also makes a step called " + stepName + ", and another step has that name");
                }
            }
        }
        Set<String> allowed = new TreeSet<>(COMMON_STEP_KEYS);
        allowed.addAll(binder.keys(kind.settingsClass()));
        ObjectNode common = ((ObjectNode) node).objectNode();
        ObjectNode own = ((ObjectNode) node).objectNode();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String k = entry.getKey();
            if (!allowed.contains(k)) {
                problems.add(key + "." + k, "unknown key for a " + type + " step (expected one of " + allowed + ")");
            } else if (COMMON_STEP_KEYS.contains(k)) {
                common.set(k, entry.getValue());
            } else {
                own.set(k, entry.getValue());
            }
        }
        common.remove(List.of("name", "type"));
        return definition(name, kind, binder.bind(common, CommonSettings.class, key, workingDir, problems, environment), own, key,
                workingDir, problems, environment);
    }

    private <S> StepDefinition<S> definition(String name, StepKind<S> kind, CommonSettings common, ObjectNode keys, String key,
                                             Path workingDir, Problems problems, boolean environment) {
        S settings = binder.bind(keys, kind.settingsClass(), key, workingDir, problems, environment);
        String unpartitionable = common != null && common.partitions() > 1 && settings != null ? kind.unpartitionable(settings) : null;
        if (unpartitionable != null) {
            problems.add(key + ".partitions", unpartitionable);
        }
        return new StepDefinition<>(name, kind, common, settings);
    }
}
