package org.gridgov.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import org.gridgov.GridGovApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The module boundaries, verified by Spring Modulith on the production classes of every Maven module: each
 * module's {@code package-info} declares which modules it may depend on (grid core on the shared kernel only, the
 * service modules on grid core only, …), internals ({@code internal}, {@code web} and other sub-packages) are
 * private to their module, and there are no cycles. Each kind of violation is shown failing on a deliberate
 * violation from the test sources ({@code ..archfixture..}), and the module diagram in {@code docs/architecture}
 * is checked to be the one the code produces.
 */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(GridGovApplication.class, production());

    static final Path DOCS = Path.of("..", "docs", "architecture");

    @Test
    void module_boundaries_hold() {
        MODULES.verify();
        assertThat(MODULES.stream().map(m -> m.getIdentifier().toString())).contains("shared", "grid", "resident",
                "incident", "points", "identity", "integration", "platform", "console");
    }

    @Test
    void grid_core_calling_the_incident_module_is_a_violation() {
        assertViolation("grid", "Module 'grid' depends on module 'incident'");
    }

    @Test
    void a_service_module_calling_another_is_a_violation() {
        assertViolation("points", "Module 'points' depends on module 'resident'");
    }

    @Test
    void the_shared_kernel_depending_on_a_module_is_a_violation() {
        assertViolation("shared", "Module 'shared' depends on module 'grid'");
    }

    @Test
    void reaching_into_another_modules_internals_is_a_violation() {
        assertViolation("console", "depends on non-exposed type org.gridgov.resident.internal.Masking");
    }

    /**
     * Writes the module diagrams (PlantUML, C4) and compares them with the copies kept in docs/architecture; run with
     * {@code -Dgridgov.docs.update=true} to refresh the kept copies (and the overview's SVG) after changing modules.
     */
    @Test
    void the_module_diagrams_in_docs_are_the_ones_the_code_produces() throws IOException {
        Path output = Path.of("target", "modulith-docs");
        Documenter.DiagramOptions overview = Documenter.DiagramOptions.defaults();
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(output.toString()))
            .writeModulesAsPlantUml(overview)
            .writeIndividualModulesAsPlantUml();
        // the same overview without the shared kernel every module uses: the readable one, linked from the README
        Path lean = Path.of("target", "modulith-docs-lean");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(lean.toString()))
            .writeModulesAsPlantUml(overview.withExclusions(m -> m.getIdentifier().toString().equals("shared")));
        Files.copy(lean.resolve("components.puml"), output.resolve(WITHOUT_SHARED_KERNEL),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<Path> diagrams;
        try (Stream<Path> files = Files.list(output)) {
            diagrams = files.filter(f -> f.toString().endsWith(".puml")).sorted().toList();
        }
        assertThat(diagrams).hasSizeGreaterThan(9);
        boolean update = Boolean.getBoolean("gridgov.docs.update");
        for (Path diagram : diagrams) {
            String produced = canonical(Files.readString(diagram));
            Path kept = DOCS.resolve(diagram.getFileName());
            if (update) {
                Files.createDirectories(DOCS);
                Files.writeString(kept, produced);
                if (diagram.getFileName().toString().equals(WITHOUT_SHARED_KERNEL)) {
                    ModuleDiagrams.writeSvg(produced, DOCS.resolve(WITHOUT_SHARED_KERNEL.replace(".puml", ".svg")));
                }
            }
            assertThat(kept).as("%s is missing: run ./mvnw -pl web-app -am test -Dtest=ModularityTest "
                    + "-Dsurefire.failIfNoSpecifiedTests=false -Dgridgov.docs.update=true", kept).exists();
            assertThat(Files.readString(kept)).as("%s is stale: regenerate it (see above)", kept).isEqualTo(produced);
        }
    }

    static final String WITHOUT_SHARED_KERNEL = "components-without-shared-kernel.puml";

    /** Modulith writes the relations in no fixed order: sort them so the kept copy only changes with the modules. */
    static String canonical(String plantUml) {
        List<String> lines = plantUml.lines().toList();
        List<String> relations = lines.stream().filter(l -> l.startsWith("Rel(")).sorted().toList();
        StringBuilder out = new StringBuilder();
        boolean written = false;
        for (String line : lines) {
            if (line.startsWith("Rel(")) {
                if (!written) {
                    relations.forEach(r -> out.append(r).append('\n'));
                    written = true;
                }
                continue;
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private static void assertViolation(String fixtureModule, String expected) {
        ApplicationModules withFixture = ApplicationModules.of(GridGovApplication.class,
                productionAnd("org/gridgov/" + fixtureModule + "/archfixture/"));
        assertThatThrownBy(withFixture::verify).hasMessageContaining(expected);
    }

    /** Main classes of every module (directories or jars), without test support. */
    private static ImportOption production() {
        return location -> !location.contains("/test-classes/") && !location.contains("test-support");
    }

    /** Main classes plus the deliberate violations of one fixture package of the test sources. */
    private static ImportOption productionAnd(String fixturePath) {
        return location -> production().includes(location)
                || location.contains("/test-classes/") && (location.contains(fixturePath)
                        || location.contains("org/gridgov/incident/archfixture/"));
    }
}
