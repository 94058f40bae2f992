package org.gridgov.shared.security;

/** The current {@link Caller}; the web app provides it. */
@FunctionalInterface
public interface CallerProvider {

    Caller current();
}
