package org.gridgov.console;

import org.gridgov.shared.security.Role;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Console pages for those who manage the tree, staff and accounts — the same roles as the API's managers
 * ({@code ApiAuthorization.MANAGERS}). Others get 403.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize(Role.Expressions.MANAGERS)
public @interface ManagersOnly {
}
