/**
 * The platform as integrators see it besides the REST API: outbound webhooks fed by a transactional outbox
 * ({@code webhook}) and the Open311 GeoReport v2 endpoints ({@code open311}). See {@code docs/INTEGRATION.md}.
 */
package org.gridgov.integration;
