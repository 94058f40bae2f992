package org.gridgov.shared.audit;

/** The current actor (from the security context and the request); the web app provides it. */
@FunctionalInterface
public interface ActorProvider {

    Actor current();
}
