package org.gridgov.resident;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.gridgov.grid.GridNodeRef;

/**
 * A resident as lists and cards show them: ID number and phone masked ({@code 5101**********1234},
 * {@code 138****5678}); the health note only as "there is one". Full values need an audited reveal.
 */
public record ResidentView(long id, String name, String gender, LocalDate birthDate, String idType,
        String idNumberMasked, String phoneMasked, String ethnicity, String populationType, boolean partyMember,
        boolean volunteer, boolean hasHealthNote, List<String> tags, GridNodeRef grid, CareLevel careLevel,
        String careReason, Instant lastVisitAt, List<ResidenceView> residences) {

    /**
     * A dated link to a dwelling. {@code LIVING} and {@code REGISTERED} are separate links: registered in one
     * dwelling and living in another is 人户分离.
     */
    public record ResidenceView(long id, long dwellingId, String address, String kind, String relationToHead,
            LocalDate movedIn, LocalDate movedOut) {
    }
}
