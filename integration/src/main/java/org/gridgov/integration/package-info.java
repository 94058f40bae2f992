/**
 * The platform as integrators see it besides the REST API: outbound webhooks fed by a transactional outbox
 * ({@code webhook}) and the Open311 GeoReport v2 endpoints ({@code open311}). See {@code docs/INTEGRATION.md}.
 */
@ApplicationModule(displayName = "Integration", allowedDependencies = { "shared", "grid", "identity", "incident" })
package org.gridgov.integration;

import org.springframework.modulith.ApplicationModule;
