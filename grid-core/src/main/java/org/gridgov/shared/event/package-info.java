/**
 * Events one module publishes and others listen to: the only way service modules (resident, incident, points)
 * learn of each other's changes, since none may call into another. Each is an immutable record carrying ids and the
 * facts listeners need, never an entity. They are published with Spring's {@code ApplicationEventPublisher} inside
 * the changing transaction; the web app's event publication registry (Spring Modulith, JDBC) makes delivery to
 * {@code @ApplicationModuleListener}s durable.
 */
package org.gridgov.shared.event;
