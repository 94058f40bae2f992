package org.gridgov.resident.internal;

/** How personal data is shown by default: enough to recognise, not enough to use. */
public final class Masking {

    private Masking() {
    }

    /** {@code 510104199001011234} → {@code 5101**********1234}; short numbers keep only their last two. */
    public static String idNumber(String id) {
        if (id == null) {
            return null;
        }
        if (id.length() <= 8) {
            return "*".repeat(Math.max(0, id.length() - 2)) + id.substring(Math.max(0, id.length() - 2));
        }
        return id.substring(0, 4) + "*".repeat(id.length() - 8) + id.substring(id.length() - 4);
    }

    /** {@code 13812345678} → {@code 138****5678}. */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        if (phone.length() < 7) {
            return "*".repeat(phone.length());
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }

    /** Digits only (a leading + kept): how phones are compared and hashed. */
    public static String normalisePhone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[\\s-]", "");
        return digits.isEmpty() ? null : digits;
    }
}
