package io.maximbatch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Keeps the packages apart as docs/architecture.md lays them out: no cycles, only what a module exposes is used. */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(MaximBatchApplication.class);

    @Test
    void modulesAreApart() {
        modules.verify();
    }

    @Test
    void aPackageThatReachesIntoAFeaturesInternalsIsRefused() {
        // The application's classes and the test package io.maximbatch.intruder, which uses internals of groups and step.
        ApplicationModules withIntruder = ApplicationModules.of(MaximBatchApplication.class,
                location -> !location.contains("/test-classes/") || location.contains("/io/maximbatch/intruder/"));

        assertThatThrownBy(withIntruder::verify).hasMessageContaining("intruder")
                .hasMessageContaining("io.maximbatch.groups.ledger.MemberLedger")
                .hasMessageContaining("io.maximbatch.step.internal.ChunkOutcomes");
    }

    /** The module diagrams and canvases of docs/modules, written anew from the code on every build. */
    @Test
    void writesTheModuleDocumentation() throws IOException {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        // The Documenter lists a diagram's relations in no fixed order: sorted, the files change only when the code does.
        try (Stream<Path> files = Files.list(Path.of("docs/modules"))) {
            for (Path diagram : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
                List<String> lines = Files.readAllLines(diagram);
                List<String> relations = lines.stream().filter(line -> line.startsWith("Rel(")).sorted().toList();
                Iterator<String> sorted = relations.iterator();
                Files.write(diagram, lines.stream().map(line -> line.startsWith("Rel(") ? sorted.next() : line).toList());
            }
        }
    }

    @Test
    void theMaximClientKnowsNothingOfSpringBatch() {
        noClasses().that().resideInAPackage("io.maximbatch.maxim..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework.batch..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.maximbatch.maxim"));
    }
}
