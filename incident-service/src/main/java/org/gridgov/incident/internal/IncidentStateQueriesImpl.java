package org.gridgov.incident.internal;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.EntityManager;

/** Spring Data's implementation of the {@link IncidentStateQueries} fragment of {@link IncidentRepository}. */
class IncidentStateQueriesImpl implements IncidentStateQueries {

    private static final String NOT_FINAL_NEAR = """
            select * from incident
             where category_code = ?1 and created_at >= ?2 and lat between ?3 and ?4 and lng between ?5 and ?6
               and %s
             order by created_at desc""".formatted(IncidentSql.notFinal(""));

    private static final String OVERDUE_FOR_ACCEPTANCE = """
            select * from incident where %s
               and overdue_acted_for is distinct from accept_due_at
             order by accept_due_at limit ?2 for update skip locked""".formatted(IncidentSql.acceptOverdue("", "?1"));

    private static final String OVERDUE_FOR_RESOLUTION = """
            select * from incident where %s and overdue_acted_for is distinct from resolve_due_at
             order by resolve_due_at limit ?2 for update skip locked""".formatted(IncidentSql.resolveOverdue("", "?1"));

    private final EntityManager entityManager;

    IncidentStateQueriesImpl(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Incident> notFinalNear(String category, Instant since, double minLat, double maxLat, double minLng,
            double maxLng) {
        return entityManager.createNativeQuery(NOT_FINAL_NEAR, Incident.class)
            .setParameter(1, category).setParameter(2, since).setParameter(3, minLat).setParameter(4, maxLat)
            .setParameter(5, minLng).setParameter(6, maxLng)
            .getResultList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Incident> overdueForResolution(Instant now, int limit) {
        return entityManager.createNativeQuery(OVERDUE_FOR_RESOLUTION, Incident.class)
            .setParameter(1, now).setParameter(2, limit)
            .getResultList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Incident> overdueForAcceptance(Instant now, int limit) {
        return entityManager.createNativeQuery(OVERDUE_FOR_ACCEPTANCE, Incident.class)
            .setParameter(1, now).setParameter(2, limit)
            .getResultList();
    }
}
