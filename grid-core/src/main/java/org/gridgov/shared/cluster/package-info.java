/**
 * Events between the application nodes of one cluster, carried by PostgreSQL {@code LISTEN/NOTIFY}:
 * {@link org.gridgov.shared.cluster.ClusterEvents#publish(String, String)} inside a transaction is delivered to every
 * node (this one included) when, and only if, that transaction commits; each node keeps one dedicated connection
 * that listens and reconnects. For cache invalidation and live fan-out (the notification stream): payloads are ids,
 * never data — a listener reads what it needs from the database. See {@code docs/SCALING.md}.
 */
package org.gridgov.shared.cluster;
