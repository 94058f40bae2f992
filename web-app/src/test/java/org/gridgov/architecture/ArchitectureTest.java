package org.gridgov.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import org.gridgov.grid.archfixture.GridCodeThatCallsIncidents;
import org.gridgov.incident.archfixture.SomeIncidentType;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Module boundaries of the design card, checked on the production classes of every module: grid core is the
 * centre and depends on no service module; service modules do not depend on one another; entities are
 * private to their module. Each rule is also shown to fail on a deliberate violation, so none passes by
 * naming a package that doesn't exist.
 */
class ArchitectureTest {

    static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.gridgov");

    static final ArchRule GRID_CORE_DEPENDS_ON_NO_SERVICE_MODULE = noClasses()
            .that().resideInAnyPackage("org.gridgov.grid..", "org.gridgov.shared..")
            .should().dependOnClassesThat().resideInAnyPackage("org.gridgov.resident..", "org.gridgov.incident..",
                    "org.gridgov.points..", "org.gridgov.platform..", "org.gridgov.console..")
            .as("grid core depends on no service module and not on the web app");

    static final ArchRule SERVICE_MODULES_ARE_INDEPENDENT = slices()
            .matching("org.gridgov.(resident|incident|points)..")
            .should().notDependOnEachOther()
            .as("service modules talk through grid core and events, never to each other directly");

    static final ArchRule SHARED_KERNEL_STANDS_ALONE = noClasses()
            .that().resideInAPackage("org.gridgov.shared..")
            .should().dependOnClassesThat().resideInAnyPackage("org.gridgov.grid..", "org.gridgov.resident..",
                    "org.gridgov.incident..", "org.gridgov.points..")
            .as("the shared kernel depends on no domain module");

    static final ArchRule ENTITIES_ARE_INTERNAL = classes()
            .that().areAnnotatedWith("jakarta.persistence.Entity")
            .should().resideInAPackage("..internal..")
            .allowEmptyShould(true)
            .as("entities live in a module's internal package");

    static final ArchRule WEB_LAYER_KEEPS_OUT_OF_INTERNALS = noClasses()
            .that().resideInAnyPackage("..web..", "org.gridgov.console..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..")
            .allowEmptyShould(true)
            .as("controllers talk to module APIs, never to JPA");

    @Test
    void grid_core_depends_on_no_service_module() {
        GRID_CORE_DEPENDS_ON_NO_SERVICE_MODULE.check(PRODUCTION);
    }

    @Test
    void service_modules_do_not_depend_on_each_other() {
        SERVICE_MODULES_ARE_INDEPENDENT.check(PRODUCTION);
    }

    @Test
    void shared_kernel_stands_alone() {
        SHARED_KERNEL_STANDS_ALONE.check(PRODUCTION);
    }

    @Test
    void entities_are_internal() {
        ENTITIES_ARE_INTERNAL.check(PRODUCTION);
    }

    @Test
    void web_layer_keeps_out_of_jpa() {
        WEB_LAYER_KEEPS_OUT_OF_INTERNALS.check(PRODUCTION);
    }

    @Test
    void the_boundary_rule_fails_when_grid_core_depends_on_incidents() {
        JavaClasses violating = new ClassFileImporter().importClasses(GridCodeThatCallsIncidents.class,
                SomeIncidentType.class);

        assertThatThrownBy(() -> GRID_CORE_DEPENDS_ON_NO_SERVICE_MODULE.check(violating))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GridCodeThatCallsIncidents");
    }
}
