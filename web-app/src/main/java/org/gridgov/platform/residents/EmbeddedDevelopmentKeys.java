package org.gridgov.platform.residents;

import java.util.Optional;

import org.gridgov.platform.database.EmbeddedPostgresServer;
import org.gridgov.resident.PersonalDataKeyPolicy;
import org.springframework.stereotype.Component;

/**
 * The published development keys for personal data are allowed only with the embedded development database (like
 * the demo data). With an external database, missing keys stop the application at start instead of silently
 * encrypting real residents' data with a key everyone knows.
 */
@Component
class EmbeddedDevelopmentKeys implements PersonalDataKeyPolicy {

    private final boolean embedded;

    EmbeddedDevelopmentKeys(Optional<EmbeddedPostgresServer> embedded) {
        this.embedded = embedded.isPresent();
    }

    @Override
    public boolean developmentKeysAllowed() {
        return embedded;
    }
}
