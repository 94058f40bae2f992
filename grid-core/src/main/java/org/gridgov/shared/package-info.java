/**
 * The shared kernel every module builds on: domain exceptions that carry data and know nothing of HTTP,
 * paging results, and (in {@code web}) the one translation of errors into RFC 9457 problem details, plus the
 * cross-cutting HTTP conventions of {@code docs/API.md} (idempotency keys, ETags).
 */
package org.gridgov.shared;
