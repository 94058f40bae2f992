package org.gridgov;

import org.gridgov.shared.scope.DataScope;

/**
 * The data scope grid-core's own tests run with (they have no security): city-wide, unless a test narrows it with
 * {@link #use(DataScope)} — for every thread, since the server answers on its own threads — and resets it after.
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
