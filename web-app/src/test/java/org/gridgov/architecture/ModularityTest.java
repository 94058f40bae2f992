package org.gridgov.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import org.gridgov.GridGovApplication;

class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(GridGovApplication.class,
            JavaClass.Predicates.resideInAPackage("org.gridgov.testsupport.."));

    @Test
    void module_boundaries_hold() {
        MODULES.verify();
    }
}
