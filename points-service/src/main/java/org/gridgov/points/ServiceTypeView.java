package org.gridgov.points;

/**
 * A service type of the catalogue and its earning rule.
 *
 * @param ruleKind FIXED: {@code points} per service; PER_HOUR: {@code points} per hour (rounded down)
 * @param monthlyCap the most one person earns from this type in a calendar month, null for no cap
 * @param version bumped by every edit; entries record the version in force
 */
public record ServiceTypeView(String code, String name, String ruleKind, int points, Integer monthlyCap,
        boolean active, int version) {

    /** The rule as recorded on an entry. */
    public String ruleText() {
        return code + " v" + version + ": " + points + (ruleKind.equals("PER_HOUR") ? "/hour" : "/service")
                + (monthlyCap == null ? "" : ", cap " + monthlyCap + "/month");
    }
}
