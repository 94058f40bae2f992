package org.gridgov.resident;

/**
 * Whether the published development keys may stand in for missing personal-data keys. The web app allows them only
 * with its embedded development database; anywhere else a missing key stops the application at start.
 */
@FunctionalInterface
public interface PersonalDataKeyPolicy {

    boolean developmentKeysAllowed();
}
