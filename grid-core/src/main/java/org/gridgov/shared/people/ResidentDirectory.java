package org.gridgov.shared.people;

import java.util.Optional;

/**
 * Residents' records for other modules, implemented by resident-service, so that no module but that one holds or
 * shows a resident's personal data: others keep a {@link ResidentReference} and ask here.
 */
public interface ResidentDirectory {

    /**
     * Where a resident is recorded (their micro grid), without the caller's scope: for other modules' rules ("is this
     * resident in that community"). Empty when there is no such resident.
     */
    Optional<ResidentPlace> place(long residentId);

    /**
     * Opens a reference for the current caller: only staff who may read residents (grid staff) and whose data scope
     * covers the resident's (or the dwelling's) grid; every opening is an audit event naming {@code purpose}.
     *
     * @throws org.gridgov.shared.DomainException 403 for a role that never reads residents' data, 404 when the
     *         resident or dwelling is unknown or outside the caller's scope
     */
    ResidentCard open(ResidentReference reference, String purpose);

    /** A resident's micro grid. */
    record ResidentPlace(long residentId, long gridId, String gridPath) {
    }

    /**
     * A reference to a resident and/or their dwelling, carried instead of their name or address in free text.
     *
     * @param residentId the resident concerned (a visit's finding); null when only a dwelling is (an inspection)
     * @param dwellingId the dwelling concerned; null when unknown
     */
    record ResidentReference(Long residentId, Long dwellingId) {

        public boolean isEmpty() {
            return residentId == null && dwellingId == null;
        }
    }

    /**
     * A referenced resident as staff entitled to them see it: name, masked ID number and phone (revealing the full
     * values stays resident-service's audited reveal), care level, the dwelling's address.
     */
    record ResidentCard(Long residentId, String name, String idNumberMasked, String phoneMasked, String careLevel,
            Long dwellingId, String address, long gridId) {
    }
}
