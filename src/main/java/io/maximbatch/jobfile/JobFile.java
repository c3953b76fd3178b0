package io.maximbatch.jobfile;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A parsed and checked job file (schema in DESIGN.md, "Job files"), its steps with their typed settings. */
public record JobFile(Path path, String name, String description, String schedule, Double rateLimit, List<StepDefinition<?>> steps) {

    public Optional<StepDefinition<?>> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
