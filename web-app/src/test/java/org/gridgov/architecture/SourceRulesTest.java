package org.gridgov.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules about the source text that neither Modulith nor ArchUnit sees (they read bytecode, where SQL is an opaque
 * string): every scope or subtree predicate comes from {@code DataScope.sql}/{@code PathRange}, so a new query cannot
 * forget the scope by spelling its own range; and roles are spelled only in {@code Role}. Each rule is checked on
 * the main sources of every module and shown to catch a deliberate violation.
 */
class SourceRulesTest {

    /** A comparison of a path column with a parameter, a literal or another path: a hand-written path range. */
    static final Pattern HAND_WRITTEN_PATH_RANGE = Pattern.compile(
            "\\b[a-z_]*path\\s*(>=|<=|>|<)\\s*(\\?|:[a-zA-Z]|'|[a-z_]+\\.[a-z_]*path\\b|substring)");

    /** A role spelled as a string (Java) or in a security expression (templates). */
    static final Pattern ROLE_LITERAL = Pattern.compile(
            "[\"'](ROLE_)?(SYSTEM_ADMIN|DISTRICT_OFFICER|STREET_OFFICER|COMMUNITY_WORKER|GRID_WORKER|DEPARTMENT_STAFF"
                    + "|RESIDENT|INTEGRATOR)[\"']|has(Any)?Role\\('");

    static final Path ROOT = Path.of("..");

    @Test
    void no_module_writes_a_path_range_by_hand() {
        assertThat(violations(javaSources(), HAND_WRITTEN_PATH_RANGE, "shared/scope/PathRange.java"))
            .as("use DataScope.sql(column) or PathRange.under(path).sql(column)").isEmpty();
    }

    @Test
    void no_module_spells_a_role() {
        List<Path> sources = new ArrayList<>(javaSources());
        sources.addAll(files(ROOT.resolve("web-app/src/main/resources/templates"), ".html"));
        assertThat(violations(sources, ROLE_LITERAL, "shared/security/Role.java"))
            .as("use org.gridgov.shared.security.Role (and Role.Expressions, the console's `may`)").isEmpty();
    }

    @Test
    void a_hand_written_range_is_caught() {
        assertThat(HAND_WRITTEN_PATH_RANGE.matcher("where p.grid_path >= ? and p.grid_path < ?").find()).isTrue();
        assertThat(HAND_WRITTEN_PATH_RANGE.matcher("where path > :oldPath and path < :upper").find()).isTrue();
        assertThat(HAND_WRITTEN_PATH_RANGE.matcher("on i.grid_path >= c.path").find()).isTrue();
        assertThat(HAND_WRITTEN_PATH_RANGE.matcher("if (path.length() > 1 && nodePath != null)").find()).isFalse();
    }

    @Test
    void a_spelled_role_is_caught() {
        assertThat(ROLE_LITERAL.matcher("caller.hasRole(\"GRID_WORKER\")").find()).isTrue();
        assertThat(ROLE_LITERAL.matcher("new SimpleGrantedAuthority(\"ROLE_SYSTEM_ADMIN\")").find()).isTrue();
        assertThat(ROLE_LITERAL.matcher("sec:authorize=\"hasRole('MERCHANT')\"").find()).isTrue();
        assertThat(ROLE_LITERAL.matcher("caller.hasRole(Role.GRID_WORKER)").find()).isFalse();
    }

    private static List<String> violations(List<Path> sources, Pattern rule, String allowedIn) {
        List<String> found = new ArrayList<>();
        for (Path source : sources) {
            if (source.toString().replace('\\', '/').endsWith(allowedIn)) {
                continue;
            }
            List<String> lines = read(source);
            for (int i = 0; i < lines.size(); i++) {
                if (rule.matcher(lines.get(i)).find()) {
                    found.add(ROOT.relativize(source) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        return found;
    }

    /** The main Java sources of every module of the build (test-support is test code, used at test scope only). */
    private static List<Path> javaSources() {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            modules.filter(m -> !m.getFileName().toString().equals("test-support"))
                .map(m -> m.resolve("src/main/java")).filter(Files::isDirectory)
                .forEach(dir -> all.addAll(files(dir, ".java")));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        assertThat(all).as("main sources found from %s", ROOT.toAbsolutePath()).hasSizeGreaterThan(100);
        return all;
    }

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
