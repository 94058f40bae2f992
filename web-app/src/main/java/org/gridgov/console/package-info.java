/**
 * The browser admin console (Thymeleaf + htmx) for community, street and district workers, departments, merchants
 * and administrators. Pages call the modules' APIs only, never their internals; who sees which link comes from the
 * {@link org.gridgov.shared.security.Role} groups.
 */
@ApplicationModule(displayName = "Console")
package org.gridgov.console;

import org.springframework.modulith.ApplicationModule;
