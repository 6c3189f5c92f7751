package com.claimledger.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module boundaries: each feature keeps its write side (command: aggregates and their lookups) and its read side
 * (query: projections) apart; the web layer talks to both only through messages (api); no module cycle.
 */
class ModuleBoundariesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.claimledger");
    }

    @Test
    void writeSideDoesNotReachIntoReadSide() {
        noClasses().that().resideInAPackage("com.claimledger..command..").should().dependOnClassesThat().resideInAPackage("com.claimledger..query..")
                .check(classes);
    }

    @Test
    void readSideDoesNotReachIntoWriteSide() {
        noClasses().that().resideInAPackage("com.claimledger..query..").should().dependOnClassesThat().resideInAPackage("com.claimledger..command..")
                .check(classes);
    }

    @Test
    void webLayerUsesNeitherAggregatesNorProjections() {
        noClasses().that().resideInAnyPackage("com.claimledger..web..", "com.claimledger.dossier..", "com.claimledger.narrative..")
                .should().dependOnClassesThat().resideInAnyPackage("com.claimledger..command..", "com.claimledger..query..", "com.claimledger..log..")
                .check(classes);
    }

    @Test
    void messagesDependOnNothingButMessages() {
        noClasses().that().resideInAPackage("com.claimledger..api..")
                .should().dependOnClassesThat().resideInAnyPackage("com.claimledger..command..", "com.claimledger..query..", "com.claimledger..web..", "com.claimledger..log..")
                .check(classes);
    }

    @Test
    void modulesDoNotDependOnEachOtherInCycles() {
        slices().matching("com.claimledger.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void featureModulesReachOtherFeaturesOnlyThroughTheirApi() {
        for (String feature : new String[]{"entities", "articles", "claims", "ledger"}) {
            noClasses().that().resideOutsideOfPackage("com.claimledger." + feature + "..")
                    .and().resideOutsideOfPackage("com.claimledger.dossier..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "com.claimledger." + feature + ".command..", "com.claimledger." + feature + ".query..",
                            "com.claimledger." + feature + ".web..", "com.claimledger." + feature + ".log..")
                    .check(classes);
        }
    }
}
