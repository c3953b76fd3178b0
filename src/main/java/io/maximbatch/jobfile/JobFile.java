package io.maximbatch.jobfile;

import java.nio.file.Path;
import java.util.List;

/** A parsed and checked job file (schema in DESIGN.md, "Job files"). */
public record JobFile(Path path, String name, String description, String schedule, Double rateLimit, List<StepSpec> steps) {
}
