package io.maximbatch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Keeps the packages apart as docs/architecture.md lays them out: no cycles, only what a module exposes is used. */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(MaximBatchApplication.class);

    @Test
    void modulesAreApart() {
        modules.verify();
    }

    @Test
    void theMaximClientKnowsNothingOfSpringBatch() {
        noClasses().that().resideInAPackage("io.maximbatch.maxim..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework.batch..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.maximbatch.maxim"));
    }
}
