package org.gridgov.testsupport;

import java.util.Locale;

/**
 * Who a module's own integration test acts as, sent in the {@value #HEADER} request header. Modules other than
 * identity have no login: their test applications import grid core's {@code TestCallerConfiguration}, which reads
 * this header into the module's caller and data scope exactly as identity resolves a real token (staff: the subtree
 * of their grid; residents and merchants: nothing of the tree; administrators: everything). Which role may call
 * which URL at all is the web app's authorization table, tested there.
 *
 * @param role a role name of {@code org.gridgov.shared.security.Role}
 */
public record TestCaller(long accountId, String username, String role, Long scopeNodeId, Long departmentId,
        Long partnerId) {

    public static final String HEADER = "X-Test-Caller";

    public static TestCaller admin() {
        return new TestCaller(1, "admin", "SYSTEM_ADMIN", null, null, null);
    }

    /** Staff bound to a grid: district/street officer, community worker, grid worker. */
    public static TestCaller staff(String role, long scopeNodeId) {
        long account = Unique.next();
        return new TestCaller(account, role.toLowerCase(Locale.ROOT) + "-" + account, role, scopeNodeId, null, null);
    }

    public static TestCaller gridWorker(long microGridId) {
        return staff("GRID_WORKER", microGridId);
    }

    public static TestCaller communityWorker(long communityId) {
        return staff("COMMUNITY_WORKER", communityId);
    }

    public static TestCaller streetOfficer(long streetId) {
        return staff("STREET_OFFICER", streetId);
    }

    public static TestCaller departmentStaff(long departmentId) {
        long account = Unique.next();
        return new TestCaller(account, "dept-" + account, "DEPARTMENT_STAFF", null, departmentId, null);
    }

    public static TestCaller resident() {
        long account = Unique.next();
        return new TestCaller(account, "resident-" + account, "RESIDENT", null, null, null);
    }

    public static TestCaller merchant(long partnerId) {
        long account = Unique.next();
        return new TestCaller(account, "merchant-" + account, "MERCHANT", null, null, partnerId);
    }

    public static TestCaller integrator(Long scopeNodeId) {
        long account = Unique.next();
        return new TestCaller(account, "client-" + account, "INTEGRATOR", scopeNodeId, null, null);
    }

    /** The header value: {@code accountId;username;role;scopeNodeId;departmentId;partnerId}, empty for null. */
    public String header() {
        return accountId + ";" + username + ";" + role + ";" + text(scopeNodeId) + ";" + text(departmentId) + ";"
                + text(partnerId);
    }

    public static TestCaller parse(String header) {
        String[] part = header.split(";", -1);
        if (part.length != 6) {
            throw new IllegalArgumentException(HEADER + " must have 6 fields: " + header);
        }
        return new TestCaller(Long.parseLong(part[0]), part[1], part[2], number(part[3]), number(part[4]),
                number(part[5]));
    }

    private static String text(Long value) {
        return value == null ? "" : value.toString();
    }

    private static Long number(String value) {
        return value.isEmpty() ? null : Long.valueOf(value);
    }
}
