package com.claimledger.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.base.DescribedPredicate;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module boundaries: each feature keeps its write side (command: aggregates and their lookups) and its read side
 * (query: projections) apart; the web layer talks to both only through messages (api) and never to the database;
 * no module cycle; no static mutable state. Which module may use which is Spring Modulith's part ({@link ModularityTest}).
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

    private static DescribedPredicate<JavaClass> arrays() {
        return describe("an array", JavaClass::isArray);
    }

    @Test
    void webLayerNeverReachesTheDatabase() {
        noClasses().that().resideInAPackage("com.claimledger..web..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "jakarta.persistence..",
                        "org.springframework.data..", "java.sql..")
                .check(classes);
    }

    /** No static mutable state: every static field is a constant (final, and not of a type that changes). */
    @Test
    void noStaticMutableState() {
        fields().that().areStatic().should().beFinal().check(classes);
        noFields().that().areStatic().should().haveRawType(ThreadLocal.class)
                .orShould().haveRawType(InheritableThreadLocal.class)
                .orShould().haveRawType(assignableTo(java.util.concurrent.atomic.AtomicLong.class))
                .orShould().haveRawType(assignableTo(java.util.concurrent.atomic.AtomicInteger.class))
                .orShould().haveRawType(assignableTo(java.util.concurrent.atomic.AtomicReference.class))
                .orShould().haveRawType(assignableTo(java.util.ArrayList.class))
                .orShould().haveRawType(assignableTo(java.util.HashMap.class))
                .orShould().haveRawType(assignableTo(java.util.HashSet.class))
                .orShould().haveRawType(assignableTo(java.util.concurrent.ConcurrentMap.class))
                .orShould().haveRawType(assignableTo(java.util.Collection.class).and(simpleNameEndingWith("Queue")))
                .check(classes);
        // Synthetic fields are the compiler's (an enum's values, a switch map), never written after initialisation.
        noFields().that().areStatic().and().doNotHaveModifier(JavaModifier.SYNTHETIC)
                .should().haveRawType(arrays()).check(classes);
    }

    /** Time comes from the Clock bean: nobody sets Axon's global clock or reads the system clock directly. */
    @Test
    void timeComesFromTheClockBean() {
        noClasses().should().accessField(GenericEventMessage.class, "clock").check(classes);
        noClasses().should().callMethod(java.time.Instant.class, "now").check(classes);
        noClasses().should().callMethod(java.time.Clock.class, "systemUTC")
                .orShould().callMethod(java.time.Clock.class, "systemDefaultZone").check(classes);
    }

    /**
     * The ledger's own threads are stopped without an interrupt ({@code kernel.Background}): an interrupt that lands
     * in a read or write of H2's file closes the file's channel, and H2's store with it, under every thread of the JVM
     * (docs/benchmarks.md, eighth and forty-sixth rounds). The harness's HTTP clients are not the ledger's.
     */
    @Test
    void backgroundThreadsAreNotInterrupted() {
        noClasses().that().resideOutsideOfPackage("com.claimledger.bench..")
                .should().callMethodWhere(describe("an executor's shutdownNow", call -> call.getName().equals("shutdownNow")
                        && call.getTargetOwner().isAssignableTo(java.util.concurrent.ExecutorService.class)))
                .check(classes);
    }
}
