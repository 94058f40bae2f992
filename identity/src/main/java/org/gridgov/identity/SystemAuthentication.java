package org.gridgov.identity;

import org.gridgov.shared.security.Role;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs platform-internal work (demo data, start-up tasks) as the city-wide "system" actor. Work on behalf of a user
 * never uses this: it runs with that user's own authentication and scope.
 */
public final class SystemAuthentication {

    public static final String NAME = "system";

    private SystemAuthentication() {
    }

    public static <T> T call(Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext system = SecurityContextHolder.createEmptyContext();
        system.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(NAME, null,
                List.of(new SimpleGrantedAuthority(Role.SYSTEM_ADMIN.authority()))));
        SecurityContextHolder.setContext(system);
        try {
            return work.get();
        }
        finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
