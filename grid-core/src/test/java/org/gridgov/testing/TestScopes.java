package org.gridgov.testing;

import org.gridgov.shared.scope.DataScope;

/**
 * The data scope a module's tests run with when a request names no {@code X-Test-Caller}: city-wide, unless a test
 * narrows it with {@link #use(DataScope)} — for every thread, since the server answers on its own threads — and
 * resets it after.
 */
public final class TestScopes {

    private static volatile DataScope current = DataScope.all();

    private TestScopes() {
    }

    public static DataScope current() {
        return current;
    }

    public static void use(DataScope scope) {
        current = scope;
    }

    public static void reset() {
        current = DataScope.all();
    }
}
