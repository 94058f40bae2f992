/**
 * Background jobs: the one queue (claim with {@code FOR UPDATE SKIP LOCKED}, heartbeat, progress, result, recovery of
 * jobs whose node died) that every module's long-running work — grid imports, resident imports — runs on.
 */
package org.gridgov.shared.job;
