package org.gridgov.participation.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gridgov.grid.GridFiguresContributor;
import org.gridgov.grid.GridSubtree;
import org.gridgov.shared.scope.SqlPredicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Adds community participation to grid core's figures of a node, all time, for everything in the subtree (each an
 * indexed range scan on the copied grid path): bookings that hold their slot and the no-shows among them, activities
 * not cancelled with their participants (signed up, not waiting) and check-ins, questionnaires and their responses,
 * and micro-governance projects by state.
 */
@Component
class ParticipationFiguresContributor implements GridFiguresContributor {

    private static final List<String> PROJECT_STATES = List.of("PROPOSED", "APPROVED", "REJECTED", "IN_PROGRESS",
            "COMPLETED");

    private final JdbcTemplate jdbc;

    ParticipationFiguresContributor(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String key() {
        return "participation";
    }

    @Override
    public Map<String, Object> figures(GridSubtree subtree) {
        Map<String, Object> figures = new LinkedHashMap<>();
        SqlPredicate b = subtree.sql("b.grid_path");
        jdbc.query("select count(*), count(*) filter (where b.state = 'NO_SHOW') from participation_booking b where "
                + "b.state in ('CONFIRMED', 'ATTENDED', 'NO_SHOW') and " + b.sql(), rs -> {
                    figures.put("bookings", rs.getLong(1));
                    figures.put("noShows", rs.getLong(2));
                }, b.array());
        SqlPredicate a = subtree.sql("a.grid_path");
        jdbc.query("""
                select count(distinct a.id),
                       count(s.id) filter (where s.role = 'PARTICIPANT' and s.state = 'SIGNED_UP'),
                       count(s.checked_in_at)
                  from participation_activity a left join participation_signup s on s.activity_id = a.id
                 where a.state <> 'CANCELLED' and\s""" + a.sql(), rs -> {
            figures.put("activities", rs.getLong(1));
            figures.put("participants", rs.getLong(2));
            figures.put("checkedIn", rs.getLong(3));
        }, a.array());
        SqlPredicate q = subtree.sql("q.grid_path");
        jdbc.query("select count(distinct q.id), count(r.id) from participation_questionnaire q left join "
                + "participation_response r on r.questionnaire_id = q.id where " + q.sql(), rs -> {
                    figures.put("questionnaires", rs.getLong(1));
                    figures.put("questionnaireResponses", rs.getLong(2));
                }, q.array());
        SqlPredicate p = subtree.sql("p.grid_path");
        Map<String, Long> projects = new LinkedHashMap<>();
        PROJECT_STATES.forEach(state -> projects.put(state, 0L));
        jdbc.query("select p.state, count(*) from participation_project p where " + p.sql() + " group by p.state",
                rs -> {
                    projects.put(rs.getString(1), rs.getLong(2));
                }, p.array());
        figures.put("projectsByState", projects);
        return figures;
    }
}
