package org.gridgov.shared.scope;

/**
 * Resolves the calling user's {@link DataScope}, typically from the security context. The one implementation of the
 * platform lives with the identity code of the web app; every module asks it, none decides scope on its own.
 */
@FunctionalInterface
public interface DataScopeProvider {

    DataScope current();
}
