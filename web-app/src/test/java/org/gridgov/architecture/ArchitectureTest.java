package org.gridgov.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import archfixture.EntityOutsideInternal;
import archfixture.internal.SomeRepository;
import archfixture.web.ControllerThatUsesJpaAndInternals;
import org.gridgov.points.archfixture.ServiceThatReadsTheSecurityContext;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules Spring Modulith cannot express (which module may depend on which, cycles and internals are
 * {@link ModularityTest}'s): where entities live, what the web layer may touch, and that service modules never read
 * the security context. Each rule is checked on the production classes of every module and shown to fail on a
 * deliberate violation from the test sources, so none passes by naming a package that doesn't exist.
 */
class ArchitectureTest {

    static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("test-support"))
            .importPackages("org.gridgov");

    static final ArchRule ENTITIES_ARE_INTERNAL = classes()
            .that().areAnnotatedWith("jakarta.persistence.Entity")
            .should().resideInAPackage("..internal..")
            .as("entities live in a module's internal package");

    static final ArchRule WEB_LAYER_KEEPS_OUT_OF_JPA = noClasses()
            .that().resideInAnyPackage("..web..", "org.gridgov.console..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..")
            .as("controllers talk to module APIs, never to JPA");

    static final ArchRule WEB_LAYER_CALLS_ONLY_MODULE_APIS = noClasses()
            .that().resideInAnyPackage("..web..", "org.gridgov.console..")
            .should().dependOnClassesThat().resideInAnyPackage("..internal..")
            .as("controllers call a module's API, never its internals (repositories, entities, runners)");

    static final ArchRule SERVICE_MODULES_DO_NOT_READ_THE_SECURITY_CONTEXT = noClasses()
            .that().resideInAnyPackage("org.gridgov.grid..", "org.gridgov.resident..", "org.gridgov.incident..",
                    "org.gridgov.points..", "org.gridgov.participation..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.security..")
            .as("service modules learn who calls from CallerProvider and DataScopeProvider, never from Spring Security");

    @Test
    void entities_are_internal() {
        ENTITIES_ARE_INTERNAL.check(PRODUCTION);
        assertThat(PRODUCTION.stream().filter(c -> c.isAnnotatedWith("jakarta.persistence.Entity"))).hasSizeGreaterThan(5);
    }

    @Test
    void web_layer_keeps_out_of_jpa() {
        WEB_LAYER_KEEPS_OUT_OF_JPA.check(PRODUCTION);
    }

    @Test
    void web_layer_calls_only_module_apis() {
        WEB_LAYER_CALLS_ONLY_MODULE_APIS.check(PRODUCTION);
    }

    @Test
    void service_modules_do_not_read_the_security_context() {
        SERVICE_MODULES_DO_NOT_READ_THE_SECURITY_CONTEXT.check(PRODUCTION);
    }

    @Test
    void an_entity_outside_internal_breaks_the_entity_rule() {
        assertThatThrownBy(() -> ENTITIES_ARE_INTERNAL.check(importing(EntityOutsideInternal.class)))
            .isInstanceOf(AssertionError.class).hasMessageContaining("EntityOutsideInternal");
    }

    @Test
    void a_controller_using_the_entity_manager_breaks_the_jpa_rule() {
        assertThatThrownBy(() -> WEB_LAYER_KEEPS_OUT_OF_JPA.check(importing(ControllerThatUsesJpaAndInternals.class)))
            .isInstanceOf(AssertionError.class).hasMessageContaining("EntityManager");
    }

    @Test
    void a_controller_using_a_repository_breaks_the_api_rule() {
        assertThatThrownBy(() -> WEB_LAYER_CALLS_ONLY_MODULE_APIS
            .check(importing(ControllerThatUsesJpaAndInternals.class, SomeRepository.class)))
            .isInstanceOf(AssertionError.class).hasMessageContaining("SomeRepository");
    }

    @Test
    void a_service_reading_the_security_context_breaks_the_caller_rule() {
        assertThatThrownBy(() -> SERVICE_MODULES_DO_NOT_READ_THE_SECURITY_CONTEXT
            .check(importing(ServiceThatReadsTheSecurityContext.class)))
            .isInstanceOf(AssertionError.class).hasMessageContaining("SecurityContextHolder");
    }

    private static JavaClasses importing(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }
}
