package org.gridgov.incident;

/**
 * How to call the reporter back (a hotline caller, an Open311 requester): personal data, stored encrypted. In an
 * {@link IncidentView} every field is masked; the full value takes an audited reveal.
 */
public record IncidentContact(String name, String firstName, String lastName, String phone, String email,
        String deviceId) {

    /** No field given. */
    public boolean hasNone() {
        return blank(name) && blank(firstName) && blank(lastName) && blank(phone) && blank(email) && blank(deviceId);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
