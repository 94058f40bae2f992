package org.gridgov.testsupport;

import java.util.List;
import java.util.Set;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points every Spring test context at the JVM's one real PostgreSQL ({@link TestDatabase}).
 * <p>
 * The datasource properties are resolved lazily: a slice without a datasource (e.g. {@code @WebMvcTest})
 * never starts a database. A test that sets {@code spring.datasource.url} itself wins, because this source is
 * added last.
 */
class RealPostgresContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return new RealPostgresContextCustomizer();
    }

    static final class RealPostgresContextCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getEnvironment().getPropertySources().addLast(new TestDatabasePropertySource());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RealPostgresContextCustomizer; // stateless: contexts stay cacheable
        }

        @Override
        public int hashCode() {
            return RealPostgresContextCustomizer.class.hashCode();
        }
    }

    static final class TestDatabasePropertySource extends PropertySource<String> {

        private static final Set<String> NAMES = Set.of("spring.datasource.url", "spring.datasource.username",
                "spring.datasource.password");

        TestDatabasePropertySource() {
            super("gridgovTestDatabase", "lazy");
        }

        @Override
        public Object getProperty(String name) {
            if (!NAMES.contains(name)) {
                return null;
            }
            TestDatabase.Connection db = TestDatabase.get();
            return switch (name) {
                case "spring.datasource.url" -> db.jdbcUrl();
                case "spring.datasource.username" -> db.username();
                default -> db.password();
            };
        }
    }
}
