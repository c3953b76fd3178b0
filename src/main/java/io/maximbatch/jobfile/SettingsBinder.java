package io.maximbatch.jobfile;

import io.maximbatch.source.SourceSettings;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path.Node;
import jakarta.validation.Validation;
import jakarta.validation.ValidationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.groups.Default;
import jakarta.validation.ValidatorFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.InjectableValues;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.LogicalType;

/**
 * Binds a step's keys to its settings record with Jackson (kebab-case keys, no lenient coercions: "50" is not a whole
 * number, 2.5 is not 2), then checks the record with Bean Validation, and reports every problem with its key. Jackson
 * stops at a value it cannot bind: that key is reported, dropped, and the rest bound again, so nothing is missed.
 */
final class SettingsBinder {

    static final String WORKING_DIR = "maxim.working-dir";
    static final String SOURCE_SETTINGS = "maxim.source-settings";
    static final String MISSING_TEXT = "missing: expected text";
    private static final String PROBLEMS = "maxim.problems";
    private static final String KEY = "maxim.key";
    private static final int MOST_PROBLEMS = 100;

    private final JsonMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Float, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .addHandler(new UnknownKeys())
            .build();
    private final Validator validator;
    private final SourceSettings sourceSettings;

    SettingsBinder(SourceSettings sourceSettings) {
        this.sourceSettings = sourceSettings;
        // Messages are plain text (no expression language): a file name in a message is never evaluated.
        ValidatorFactory factory = Validation.byDefaultProvider().configure().messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        this.validator = factory.getValidator();
    }

    /**
     * The node bound to type and checked (environment: the {@link EnvironmentChecks} too); null (and problems named under
     * key) when it cannot be used.
     */
    <S> S bind(ObjectNode node, Class<S> type, String key, Path workingDir, Problems problems, boolean environment) {
        ObjectNode remaining = node.deepCopy();
        Set<String> dropped = new HashSet<>();
        for (int attempt = 0; attempt < MOST_PROBLEMS; attempt++) {
            S settings;
            try {
                settings = mapper.readerFor(type).with(new InjectableValues.Std().addValue(WORKING_DIR, workingDir)
                                .addValue(SOURCE_SETTINGS, sourceSettings))
                        .withAttribute(PROBLEMS, problems).withAttribute(KEY, key).readValue(remaining);
            } catch (DatabindException e) {
                String at = path(e.getPath());
                problems.add(join(key, at), message(e, node.at(pointer(e.getPath()))));
                if (e.getPath().isEmpty() || !drop(remaining, e.getPath())) {
                    return null;
                }
                dropped.add(at);
                continue;
            }
            Set<ConstraintViolation<S>> violations;
            try {
                violations = environment ? validator.validate(settings, Default.class, EnvironmentChecks.class)
                        : validator.validate(settings, Default.class);
            } catch (ValidationException e) {
                problems.add(key, "cannot be checked: " + e.getMessage());
                return null;
            }
            // In key order: Bean Validation finds them in no particular order.
            for (ConstraintViolation<S> violation : violations.stream().sorted(Comparator.comparing(v -> path(v.getPropertyPath()))).toList()) {
                String at = path(violation.getPropertyPath());
                if (!dropped.contains(at)) {
                    Object value = violation.getInvalidValue();
                    // An @AssertTrue method's value is always false: the message says it all.
                    boolean scalar = value instanceof Number || value instanceof CharSequence
                            || (value instanceof Boolean && !(violation.getConstraintDescriptor().getAnnotation() instanceof AssertTrue));
                    problems.add(join(key, at), violation.getMessage() + (scalar ? ", got " + value : ""));
                }
            }
            return settings;
        }
        return null;
    }

    /** The keys of a settings record, as a job file writes them. */
    Set<String> keys(Class<?> type) {
        return Arrays.stream(type.getRecordComponents()).filter(c -> !c.isAnnotationPresent(com.fasterxml.jackson.annotation.JacksonInject.class))
                .map(c -> kebab(c.getName())).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Records a key the settings do not have, and reads on. */
    private static final class UnknownKeys extends DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, ValueDeserializer<?> deserializer,
                                             Object beanOrClass, String propertyName) throws JacksonException {
            Problems problems = (Problems) ctxt.getAttribute(PROBLEMS);
            String at = join((String) ctxt.getAttribute(KEY), pointerPath(p) + (pointerPath(p).isEmpty() ? "" : ".") + propertyName);
            if (propertyName.equals("password") && deserializer.handledType() == JdbcKeys.class) {
                problems.add(at, "a password must not be written in a job file: name an environment variable with password-env");
            } else {
                Collection<Object> known = deserializer.getKnownPropertyNames();
                problems.add(at, "unknown key (expected one of " + new TreeSet<>(known.stream().map(String::valueOf)
                        .filter(k -> !k.equals("working-dir") && !k.equals("source-settings")).toList()) + ")");
            }
            p.skipChildren();
            return true;
        }
    }

    private static String pointerPath(JsonParser p) {
        // The parser stands on the unknown key: its parent's path is the object's.
        String pointer = p.streamReadContext().getParent() == null ? "" : p.streamReadContext().getParent().pathAsPointer().toString();
        return Arrays.stream(pointer.split("/")).filter(s -> !s.isEmpty()).map(s -> s.matches("\\d+") ? "[" + s + "]" : "." + s)
                .collect(Collectors.joining()).replaceFirst("^\\.", "").replace(".[", "[");
    }

    /** What a value Jackson could not bind should have been, and what it was. */
    private static String message(DatabindException e, JsonNode value) {
        String got = value == null || value.isMissingNode() ? "" : ", got " + value;
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            Class<?> target = mismatch.getTargetType();
            if (target.isEnum()) {
                return "expected one of " + Arrays.stream(target.getEnumConstants()).map(c -> c.toString().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(" | ")) + got;
            }
            if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
                return "expected a whole number" + got;
            }
            if (target == Double.class || target == double.class) {
                return "expected a number" + got;
            }
            if (target == Boolean.class || target == boolean.class) {
                return "expected true or false" + got;
            }
            if (target == String.class) {
                return "expected text" + got;
            }
            if (Collection.class.isAssignableFrom(target)) {
                return "expected a list" + got;
            }
            return "expected a mapping" + got;
        }
        return e.getOriginalMessage();
    }

    /** Removes the value at path from the node, so that the rest can be bound; false when it cannot. */
    private static boolean drop(JsonNode root, List<JacksonException.Reference> path) {
        JsonNode parent = root;
        for (JacksonException.Reference step : path.subList(0, path.size() - 1)) {
            parent = step.getPropertyName() != null ? parent.get(step.getPropertyName()) : parent.get(step.getIndex());
            if (parent == null) {
                return false;
            }
        }
        JacksonException.Reference last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object && last.getPropertyName() != null && object.has(last.getPropertyName())) {
            object.remove(last.getPropertyName());
            return true;
        }
        if (parent instanceof ArrayNode array && last.getIndex() >= 0 && last.getIndex() < array.size()) {
            array.set(last.getIndex(), array.nullNode());
            return true;
        }
        return false;
    }

    private static String pointer(List<JacksonException.Reference> path) {
        return path.stream().map(r -> "/" + (r.getPropertyName() != null ? r.getPropertyName() : String.valueOf(r.getIndex())))
                .collect(Collectors.joining());
    }

    private static String path(List<JacksonException.Reference> path) {
        StringBuilder at = new StringBuilder();
        for (JacksonException.Reference step : path) {
            if (step.getPropertyName() != null) {
                at.append(at.length() == 0 ? "" : ".").append(step.getPropertyName());
            } else {
                at.append('[').append(step.getIndex()).append(']');
            }
        }
        return at.toString();
    }

    private static String path(jakarta.validation.Path path) {
        StringBuilder at = new StringBuilder();
        for (Node node : path) {
            if (node.isInIterable()) {
                at.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getName() != null) {
                at.append(at.length() == 0 ? "" : ".").append(kebab(node.getName()));
            }
        }
        return at.toString();
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String join(String key, String at) {
        return at.isEmpty() ? key : key + "." + at;
    }
}
