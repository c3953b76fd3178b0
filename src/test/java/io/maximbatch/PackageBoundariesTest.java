package io.maximbatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the feature packages from tangling, as DESIGN.md lays them out (read from the sources' imports). */
class PackageBoundariesTest {

    private static final Path MAIN = Path.of("src/main/java/io/maximbatch");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\.[\\w*]+;", Pattern.MULTILINE);

    /** Which of our packages each package may use; a package not listed here must not exist yet. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("maxim", Set.of()),
            Map.entry("sandbox", Set.of()),
            Map.entry("ledger", Set.of()),
            Map.entry("report", Set.of()),
            Map.entry("source", Set.of()),
            Map.entry("jobfile", Set.of("source", "maxim", "ledger", "report")),
            Map.entry("users", Set.of("jobfile", "source", "maxim", "ledger", "report")),
            Map.entry("roster", Set.of("jobfile", "source", "maxim", "ledger", "report")),
            Map.entry("groups", Set.of("jobfile", "source", "maxim", "ledger", "report")),
            Map.entry("campaign", Set.of("jobfile", "source", "maxim", "ledger", "report")),
            Map.entry("reconcile", Set.of("jobfile", "source", "maxim", "ledger", "report", "users", "roster", "groups")),
            Map.entry("partition", Set.of("jobfile", "ledger", "report", "maxim", "source")),
            Map.entry("schedule", Set.of("jobfile", "ledger", "report", "maxim")),
            Map.entry("admin", Set.of("jobfile", "report", "maxim", "ledger", "schedule", "source")),
            Map.entry("cli", Set.of("jobfile", "report", "source", "sandbox", "maxim", "groups", "reconcile", "schedule", "admin", "partition")));

    @Test
    void packagesUseOnlyThePackagesTheDesignAllows() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = MAIN.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue;
                }
                String from = relative.getName(0).toString();
                assertThat(ALLOWED).as("package %s is not in the boundary table", from).containsKey(from);
                Matcher imports = IMPORT.matcher(Files.readString(file));
                while (imports.find()) {
                    String imported = imports.group(1);
                    if (imported.startsWith("io.maximbatch.")) {
                        String to = imported.substring("io.maximbatch.".length()).split("\\.")[0];
                        if (!to.equals(from) && !ALLOWED.get(from).contains(to)) {
                            violations.add(relative + " uses " + imported);
                        }
                    }
                    if (from.equals("maxim") && imported.startsWith("org.springframework.batch")) {
                        violations.add(relative + " uses Spring Batch (" + imported + "): the client must not know it");
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
