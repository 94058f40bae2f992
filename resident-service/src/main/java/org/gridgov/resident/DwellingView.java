package org.gridgov.resident;

import java.time.Instant;

import org.gridgov.grid.GridNodeRef;

/**
 * A household / dwelling (户) in its unit (单元), building and compound, in exactly one micro grid.
 *
 * @param residents people living there now
 */
public record DwellingView(long id, long compoundId, String compoundName, long buildingId, String buildingName,
        String unit, String room, String address, GridNodeRef grid, boolean partyCentre, String verifiedBy,
        Instant verifiedAt, String verificationNote, long residents) {
}
