package org.gridgov.resident;

/**
 * What to look for among the residents the caller may see. {@code idNumber} and {@code phone} match exactly
 * (through their keyed hash: the table is never decrypted to search), {@code name} by prefix.
 *
 * @param nodeId only under this grid
 * @param tag only with this special-group tag
 * @param careLevel only at this care level
 * @param specialGroups only people with a special-group tag
 */
public record ResidentSearch(String name, String idNumber, String phone, Long nodeId, String tag, CareLevel careLevel,
        boolean specialGroups) {

    public static ResidentSearch all() {
        return new ResidentSearch(null, null, null, null, null, null, false);
    }
}
