package org.gridgov.shared.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.Role;

/**
 * Who a notification is for: one account, everyone holding a role at a grid node (resolved when read, so whoever
 * serves the node then — a worker who just took over included — sees its queue), or a department's staff. Never a
 * person's name or login: two workers with the same name are two accounts.
 */
public record Recipient(Kind kind, Long accountId, Role role, Long nodeId, Long departmentId) {

    public enum Kind {
        ACCOUNT, ROLE_AT_NODE, DEPARTMENT
    }

    public Recipient {
        Objects.requireNonNull(kind, "kind");
        switch (kind) {
            case ACCOUNT -> Objects.requireNonNull(accountId, "accountId");
            case ROLE_AT_NODE -> {
                Objects.requireNonNull(role, "role");
                Objects.requireNonNull(nodeId, "nodeId");
            }
            case DEPARTMENT -> Objects.requireNonNull(departmentId, "departmentId");
        }
    }

    public static Recipient account(long accountId) {
        return new Recipient(Kind.ACCOUNT, accountId, null, null, null);
    }

    public static Recipient roleAt(Role role, long nodeId) {
        return new Recipient(Kind.ROLE_AT_NODE, null, role, nodeId, null);
    }

    public static Recipient department(long departmentId) {
        return new Recipient(Kind.DEPARTMENT, null, null, null, departmentId);
    }

    /**
     * Every recipient that {@linkplain #reaches(Caller) reaches} this caller: their account, their role at the node
     * they serve, their department — what a stream looks a written notification's recipient up by.
     */
    public static List<Recipient> reaching(Caller caller) {
        List<Recipient> reaching = new ArrayList<>(3);
        if (caller.accountId() != null) {
            reaching.add(account(caller.accountId()));
        }
        if (caller.role() != null && caller.scopeNodeId() != null) {
            reaching.add(roleAt(caller.role(), caller.scopeNodeId()));
        }
        if (caller.role() == Role.DEPARTMENT_STAFF && caller.departmentId() != null) {
            reaching.add(department(caller.departmentId()));
        }
        return reaching;
    }

    /** Whether this caller is (one of) the recipient(s) now. */
    public boolean reaches(Caller caller) {
        return switch (kind) {
            case ACCOUNT -> caller.accountId() != null && caller.accountId().equals(accountId);
            case ROLE_AT_NODE -> caller.role() == role && nodeId.equals(caller.scopeNodeId());
            case DEPARTMENT -> caller.role() == Role.DEPARTMENT_STAFF && departmentId.equals(caller.departmentId());
        };
    }
}
