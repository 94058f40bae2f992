/**
 * Platform wiring of the one runnable application: the HTTP security filter chains and the API authorization table,
 * the embedded PostgreSQL default, event publication, OpenAPI, error pages and demo data. It may use every module's
 * API (it assembles them); nothing depends on it.
 */
@ApplicationModule(displayName = "Platform wiring")
package org.gridgov.platform;

import org.springframework.modulith.ApplicationModule;
