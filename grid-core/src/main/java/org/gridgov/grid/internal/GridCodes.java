package org.gridgov.grid.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gridgov.grid.GridType;

/**
 * The code rule (docs/API.md "Grid codes"). A city keeps its 6-digit code ending in {@code 00}. District, street and community keep their GB/T 2260-style administrative
 * codes: a district 6 digits not ending in {@code 00} (that is a prefecture-level city's), a street its district's
 * code and 3 digits (9), a community its street's code and 3 digits (12). Below them a code is the parent's code, a
 * letter for the type — {@code G} general grid, {@code M} micro grid, {@code D} dedicated grid — and a 2- or 3-digit
 * number: {@code 510107011003G02M04} is micro grid 4 of general grid 2 of community 510107011003. Codes below the
 * community are generated when omitted (the next number after the highest among the parent's children, retired ones
 * included, as codes are never reused). The rule is checked when a grid is created; a moved grid keeps its code,
 * which is printed on its cards.
 */
public final class GridCodes {

    private static final Pattern CITY = Pattern.compile("\\d{4}00");
    private static final Pattern DISTRICT = Pattern.compile("\\d{4}(?!00)\\d{2}");
    private static final Pattern DIGITS_3 = Pattern.compile("\\d{3}");
    private static final Pattern NUMBER = Pattern.compile("\\d{2,3}");

    private GridCodes() {
    }

    /** The letter of a type's generated codes, or 0 for the administrative levels. */
    public static char letter(GridType type) {
        return switch (type) {
            case GENERAL_GRID -> 'G';
            case MICRO_GRID -> 'M';
            case DEDICATED_GRID -> 'D';
            default -> 0;
        };
    }

    /** Whether codes of this type can be generated (below the community). */
    public static boolean generated(GridType type) {
        return letter(type) != 0;
    }

    /**
     * Why {@code code} breaks the rule for a {@code type} under a parent coded {@code parentCode} (null for a
     * district), or null when it keeps it.
     */
    public static String problem(GridType type, String code, String parentCode) {
        if (code == null) {
            return "a " + type + " needs its administrative code";
        }
        if (type == GridType.CITY) {
            if (!CITY.matcher(code).matches()) {
                return "a CITY's code is its 6-digit GB/T 2260 code ending in 00, e.g. 510100";
            }
            return parentCode == null ? null : "a CITY is a root: it has no parent";
        }
        if (type == GridType.DISTRICT) {
            if (!DISTRICT.matcher(code).matches()) {
                return "a DISTRICT's code is its 6-digit GB/T 2260 code, e.g. 510107 (not ending in 00)";
            }
            // under a prefecture-level city (510100) a district shares the city's first 4 digits (5101xx)
            if (parentCode != null && parentCode.length() >= 4 && !code.startsWith(parentCode.substring(0, 4))) {
                return "a DISTRICT under " + parentCode + " has a code starting with " + parentCode.substring(0, 4);
            }
            return null;
        }
        if (parentCode == null || !code.startsWith(parentCode)) {
            return "the code must start with the parent's code " + parentCode + (generated(type)
                    ? " followed by " + letter(type) + " and 2-3 digits, e.g. " + parentCode + letter(type) + "01"
                    : " followed by 3 digits");
        }
        String rest = code.substring(parentCode.length());
        boolean fits = switch (type) {
            case STREET, COMMUNITY -> DIGITS_3.matcher(rest).matches();
            default -> rest.length() > 1 && rest.charAt(0) == letter(type)
                    && NUMBER.matcher(rest.substring(1)).matches();
        };
        if (fits) {
            return null;
        }
        return switch (type) {
            case STREET -> "a STREET's code is its district's code and 3 digits, e.g. " + parentCode + "011";
            case COMMUNITY -> "a COMMUNITY's code is its street's code and 3 digits, e.g. " + parentCode + "003";
            default -> "a " + type + "'s code is its parent's code, '" + letter(type) + "' and 2-3 digits, e.g. "
                    + parentCode + letter(type) + "01";
        };
    }

    /**
     * The next code for a new grid of {@code type} under {@code parentCode}, given the codes its parent's children
     * already have (any type, retired ones included).
     */
    public static String next(GridType type, String parentCode, Collection<String> siblingCodes) {
        char letter = letter(type);
        if (letter == 0) {
            throw new IllegalArgumentException(type + " codes are administrative codes, never generated");
        }
        Pattern mine = Pattern.compile(Pattern.quote(parentCode + letter) + "(\\d{2,3})");
        int highest = 0;
        for (String sibling : siblingCodes) {
            Matcher m = mine.matcher(sibling.toUpperCase(Locale.ROOT));
            if (m.matches()) {
                highest = Math.max(highest, Integer.parseInt(m.group(1)));
            }
        }
        int next = highest + 1;
        if (next > 999) {
            throw new IllegalStateException("Grid " + parentCode + " has no free " + type + " number left");
        }
        return parentCode + letter + String.format(Locale.ROOT, next > 99 ? "%03d" : "%02d", next);
    }
}
