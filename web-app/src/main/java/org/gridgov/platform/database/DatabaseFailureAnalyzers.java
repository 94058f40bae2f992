package org.gridgov.platform.database;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/** Start-up failures about the database, told in one clear line each. */
final class DatabaseFailureAnalyzers {

    private DatabaseFailureAnalyzers() {
    }

    /** Another instance holds the embedded data directory. */
    public static class EmbeddedDatabaseLocked extends AbstractFailureAnalyzer<EmbeddedDatabaseLockedException> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDatabaseLockedException cause) {
            return new FailureAnalysis(cause.getMessage() + "; nothing was changed in it.",
                    "Stop the other instance, or point this one at another directory with "
                            + "GRIDGOV_EMBEDDED_DATABASE_DATA_DIRECTORY, or at an external PostgreSQL with "
                            + "SPRING_DATASOURCE_URL.",
                    cause);
        }
    }

    /** The configured PostgreSQL does not answer. */
    public static class DatabaseUnreachable implements FailureAnalyzer {

        private final Environment environment;

        public DatabaseUnreachable(Environment environment) {
            this.environment = environment;
        }

        @Override
        public FailureAnalysis analyze(Throwable failure) {
            Throwable cause = failure;
            while (cause != null) {
                if (cause instanceof ConnectException || cause instanceof UnknownHostException
                        || cause instanceof SQLException sql && sql.getSQLState() != null
                                && sql.getSQLState().startsWith("08")) {
                    String url = environment.getProperty("spring.datasource.url", "(embedded database)");
                    return new FailureAnalysis("Could not connect to PostgreSQL at " + url + ": " + cause.getMessage(),
                            "Check that PostgreSQL runs and accepts connections there, or unset SPRING_DATASOURCE_URL "
                                    + "to use the embedded database.",
                            cause);
                }
                cause = cause.getCause();
            }
            return null;
        }
    }
}
