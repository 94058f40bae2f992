package org.gridgov.points.archfixture;

import org.springframework.security.core.context.SecurityContextHolder;

/** A deliberate violation (test sources only): a service module reading the security context itself. */
public class ServiceThatReadsTheSecurityContext {

    public String who() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }
}
