package org.gridgov.resident;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The 18-character resident identity number of GB 11643-1999: six digits of region, eight of birth date, three of
 * sequence (odd: male, even: female) and a check character (ISO 7064 MOD 11-2, 0–9 or X).
 */
public final class IdNumbers {

    private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    private static final char[] CHECK = "10X98765432".toCharArray();

    private IdNumbers() {
    }

    /** Upper case, without spaces: how numbers are compared, hashed and stored. */
    public static String normalise(String value) {
        return value == null ? null : value.replace(" ", "").strip().toUpperCase(Locale.ROOT);
    }

    /** The check character for the first 17 digits. */
    public static char checkCharacter(CharSequence first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /**
     * Why a normalised resident ID number is not valid, or null when it is: shape, check character, a birth date
     * that exists and is not in the future.
     */
    public static String problem(String id, LocalDate today) {
        if (id == null || !id.matches("\\d{17}[\\dX]")) {
            return "must be 17 digits and a check digit (0-9 or X)";
        }
        if (checkCharacter(id) != id.charAt(17)) {
            return "check digit does not match (GB 11643)";
        }
        LocalDate birth = birthDate(id);
        if (birth == null) {
            return "contains an impossible birth date";
        }
        if (birth.isAfter(today) || birth.getYear() < 1880) {
            return "contains a birth date outside 1880 to today";
        }
        return null;
    }

    /** The birth date written in the number, or null when it is not a real date. */
    public static LocalDate birthDate(String id) {
        try {
            return LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        }
        catch (DateTimeException | NumberFormatException ex) {
            return null;
        }
    }

    /** MALE or FEMALE, from the parity of the sequence digit. */
    public static String gender(String id) {
        return (id.charAt(16) - '0') % 2 == 1 ? "MALE" : "FEMALE";
    }

    /** A valid number for the region, birth date and sequence (0–999): for tests, demo data and benchmarks. */
    public static String of(String region6, LocalDate birth, int sequence) {
        String first17 = region6 + String.format(Locale.ROOT, "%04d%02d%02d%03d", birth.getYear(),
                birth.getMonthValue(), birth.getDayOfMonth(), sequence);
        return first17 + checkCharacter(first17);
    }
}
