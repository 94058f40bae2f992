package org.gridgov.shared.audit;

/** Who is acting, and from where, for the audit log. */
public record Actor(String username, String role, String ip) {

    public static final Actor SYSTEM = new Actor("system", null, null);
}
