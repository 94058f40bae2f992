package org.gridgov.identity;

import org.gridgov.shared.scope.DataScope;

/** An authenticated principal that knows its part of the grid tree. */
public interface ScopedPrincipal {

    DataScope scope();
}
