package io.maximbatch.jobfile;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A parsed and checked job file (schema in docs/job-files.md), its steps with their typed settings; parameters
 * are the run parameters it accepts, or null when it does not say (then any); parameterDefaults the values of those
 * it declares as name=value, which a run that does not give them uses.
 */
public record JobFile(Path path, String name, String description, String schedule, Double rateLimit, List<String> parameters,
                      List<StepDefinition<?>> steps, Map<String, String> parameterDefaults) {

    public JobFile(Path path, String name, String description, String schedule, Double rateLimit, List<String> parameters,
                   List<StepDefinition<?>> steps) {
        this(path, name, description, schedule, rateLimit, parameters, steps, Map.of());
    }

    /** What a run parameter's name looks like, in a job file and on a command line alike. */
    public static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,99}");

    public Optional<StepDefinition<?>> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Throws IllegalArgumentException naming the parameters given that the file does not declare (when it declares them). */
    public void accept(Collection<String> given) {
        if (parameters == null) {
            return;
        }
        TreeSet<String> unknown = new TreeSet<>(given);
        unknown.removeAll(parameters);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(name + " does not accept parameter(s) " + String.join(", ", unknown) + "; "
                    + path.getFileName() + " declares " + (parameters.isEmpty() ? "none" : String.join(", ", parameters)));
        }
    }

    /** The run's parameters with the file's defaults for those it does not give (refusing, as accept, those it does not declare). */
    public Map<String, String> withDefaults(Map<String, String> given) {
        accept(given.keySet());
        if (parameterDefaults.isEmpty()) {
            return given;
        }
        Map<String, String> all = new LinkedHashMap<>(parameterDefaults);
        all.putAll(given);
        return Map.copyOf(all);
    }
}
