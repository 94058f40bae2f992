package org.gridgov.points;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.gridgov.shared.DomainException;
import org.gridgov.shared.people.ResidentDirectory;
import org.gridgov.testsupport.Unique;
import org.springframework.stereotype.Component;

/**
 * The residents' records of the points module's own tests: resident-service is not part of the module's test
 * application (the web app's {@code PointsPlatformIT} grants to a real record), so a test registers where a resident
 * lives.
 */
@Component
public class KnownResidents implements ResidentDirectory {

    private final Map<Long, ResidentPlace> residents = new ConcurrentHashMap<>();

    /** A new resident living in this micro grid; answers their id. */
    public long livingIn(long gridId, String gridPath) {
        long id = Unique.next();
        residents.put(id, new ResidentPlace(id, gridId, gridPath));
        return id;
    }

    @Override
    public Optional<ResidentPlace> place(long residentId) {
        return Optional.ofNullable(residents.get(residentId));
    }

    @Override
    public ResidentCard open(ResidentReference reference, String purpose) {
        throw DomainException.notFound("resident.reference.none", "not used by the points module");
    }
}
