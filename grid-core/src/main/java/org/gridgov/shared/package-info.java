/**
 * The shared kernel every module builds on, and the one place of vocabulary all of them need: domain exceptions that
 * carry data and know nothing of HTTP, paging results, {@link org.gridgov.shared.security.Role} and the caller,
 * the data scope ({@code scope}), audit, events between modules ({@code event}), blobs and the data cipher port, and
 * (in {@code web}) the one translation of errors into RFC 9457 problem details plus the cross-cutting HTTP
 * conventions of {@code docs/API.md} (idempotency keys, ETags).
 * <p>
 * Declared an <em>open</em> module: every sub-package is API to every other module (Spring Modulith would otherwise
 * treat {@code shared.scope} and the others as internal).
 */
@ApplicationModule(displayName = "Shared kernel", type = ApplicationModule.Type.OPEN, allowedDependencies = {})
package org.gridgov.shared;

import org.springframework.modulith.ApplicationModule;
