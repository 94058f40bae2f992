/**
 * Identity: accounts with their {@link org.gridgov.shared.security.Role} and what they are bound to (a grid node, a
 * department, a partner), password and verification-code logins with lock-out, JWT access and refresh tokens
 * ({@link org.gridgov.identity.IdentityConfiguration}, {@link org.gridgov.identity.TokenService}), integrator
 * clients, the resolution of a principal's data scope ({@link org.gridgov.identity.ScopeResolver}) that every
 * module's {@code DataScopeProvider}/{@code CallerProvider} answers from, and the audit log's queries. The HTTP
 * filter chains that use it are the web app's wiring. Depends on grid core only.
 */
@ApplicationModule(displayName = "Identity", allowedDependencies = { "shared", "grid" })
package org.gridgov.identity;

import org.springframework.modulith.ApplicationModule;
