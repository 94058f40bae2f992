package org.gridgov.incident;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gridgov.shared.DomainException;
import org.gridgov.shared.people.ResidentDirectory;
import org.springframework.stereotype.Component;

/**
 * Resident-service's side of the {@link ResidentDirectory} port for the incident module's own tests (the web app's
 * {@code ResidentIncidentRequestsIT} uses the real one, with its scope check and audit): answers a card for any
 * reference and remembers every opening, so a test sees what the incident module asked for and why.
 */
@Component
public class KnownResidents implements ResidentDirectory {

    /** One opening: the reference and the purpose given. */
    public record Opening(ResidentReference reference, String purpose) {
    }

    private final List<Opening> openings = new CopyOnWriteArrayList<>();

    public List<Opening> openings() {
        return openings;
    }

    @Override
    public java.util.Optional<ResidentPlace> place(long residentId) {
        return java.util.Optional.empty();
    }

    @Override
    public ResidentCard open(ResidentReference reference, String purpose) {
        if (reference.isEmpty()) {
            throw DomainException.notFound("resident.reference.none", "none");
        }
        openings.add(new Opening(reference, purpose));
        return new ResidentCard(reference.residentId(), "何伟", "5101**********1234", "138****5678", "RED",
                reference.dwellingId(), "锦江苑 1栋 1单元 101", 0);
    }
}
