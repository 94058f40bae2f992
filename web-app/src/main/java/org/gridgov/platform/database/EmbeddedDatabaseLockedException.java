package org.gridgov.platform.database;

import java.nio.file.Path;

/** Another running instance holds the embedded data directory. */
public class EmbeddedDatabaseLockedException extends RuntimeException {

    private final Path dataDirectory;

    public EmbeddedDatabaseLockedException(Path dataDirectory) {
        super("The embedded database directory " + dataDirectory + " is in use by another running instance");
        this.dataDirectory = dataDirectory;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }
}
