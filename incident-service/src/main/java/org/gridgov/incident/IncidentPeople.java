package org.gridgov.incident;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import org.gridgov.grid.GridDirectory;
import org.gridgov.grid.GridType;
import org.gridgov.incident.internal.Incident;
import org.gridgov.shared.people.AccountDirectory;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How people appear on incidents and in their messages: by role and display name ("网格员 王建国"), residents as "居民",
 * the reporter of an anonymous report as "匿名居民" to everyone but themselves and auditors — never by login. And who
 * holds an incident, as a notification recipient: the role that serves the holding grid node.
 */
@Component
class IncidentPeople {

    static final String RESIDENT = "居民";
    static final String ANONYMOUS = "匿名居民";
    /** Times in messages: Shanghai local time, to the minute. */
    static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(WorkCalendar.ZONE);

    private final ObjectProvider<AccountDirectory> accounts;
    private final GridDirectory grids;

    IncidentPeople(ObjectProvider<AccountDirectory> accounts, GridDirectory grids) {
        this.accounts = accounts;
        this.grids = grids;
    }

    /** "2026-12-04 16:28" */
    static String local(Instant instant) {
        return instant == null ? "" : MINUTES.format(instant);
    }

    static String label(Role role) {
        return switch (role) {
            case SYSTEM_ADMIN -> "管理员";
            case DISTRICT_OFFICER -> "区级工作人员";
            case STREET_OFFICER -> "街道工作人员";
            case COMMUNITY_WORKER -> "社区工作者";
            case GRID_WORKER -> "网格员";
            case DEPARTMENT_STAFF -> "部门工作人员";
            case MERCHANT -> "商户";
            case RESIDENT -> RESIDENT;
            case INTEGRATOR -> "对接平台";
        };
    }

    /** How the caller is shown to others: "系统", "居民", or the role and display name. */
    String display(Caller caller) {
        if (caller == Caller.SYSTEM || caller.accountId() == null && caller.role() == Role.SYSTEM_ADMIN) {
            return "系统";
        }
        if (caller.role() == Role.RESIDENT) {
            return RESIDENT;
        }
        String name = caller.accountId() == null ? null : displayName(caller.accountId());
        return name == null ? label(caller.role()) : label(caller.role()) + " " + name;
    }

    private String displayName(long accountId) {
        AccountDirectory directory = accounts.getIfAvailable();
        if (directory == null) {
            return null;
        }
        return directory.account(accountId).map(AccountDirectory.AccountFacts::displayName)
            .filter(n -> !n.isBlank()).orElse(null);
    }

    /** Whether this viewer sees who reported an anonymous report: the reporter themselves and auditors. */
    static boolean seesReporter(Incident incident, Caller viewer) {
        return !incident.isAnonymous() || isReporter(incident, viewer) || viewer.role() == Role.SYSTEM_ADMIN;
    }

    static boolean isReporter(Incident incident, Caller caller) {
        return caller != null && incident.getReporterUsername().equals(caller.username());
    }

    /** The role that works at a grid node of this type. */
    static Role roleAt(GridType type) {
        return switch (type) {
            case MICRO_GRID, GENERAL_GRID, DEDICATED_GRID -> Role.GRID_WORKER;
            case COMMUNITY -> Role.COMMUNITY_WORKER;
            case STREET -> Role.STREET_OFFICER;
            case DISTRICT, CITY -> Role.DISTRICT_OFFICER;
        };
    }

    /** The role that works at this grid node. */
    Role roleAtNode(long nodeId) {
        return grids.byId(nodeId).map(n -> roleAt(n.type())).orElse(Role.GRID_WORKER);
    }
}
