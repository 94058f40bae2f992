package org.gridgov.console;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gridgov.shared.scope.DataScopeProvider;
import org.gridgov.shared.scope.SqlPredicate;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The grid picker of the user admin: grids found by a part of their name or code, each labelled with its chain of
 * names ({@code 高新区 / 中和街道 / 三义桥社区}) so an administrator picks a node by what it is called instead of
 * typing its numeric id. Only grids inside the viewer's data scope are offered.
 */
@Controller
class GridNodePicker {

    /** The most grids one search answers: enough to pick from, few enough to read. */
    static final int LIMIT = 20;

    /** One grid to pick. */
    record NodeChoice(long id, String code, String type, String label) {
    }

    private static final String LABEL = "(select string_agg(a.name, ' / ' order by a.depth) from grid_node a "
            + "where a.id = any (string_to_array(trim(both '/' from n.path), '/')::bigint[]))";

    private final JdbcTemplate jdbc;
    private final DataScopeProvider scopes;

    GridNodePicker(JdbcTemplate jdbc, DataScopeProvider scopes) {
        this.jdbc = jdbc;
        this.scopes = scopes;
    }

    @GetMapping(path = "/admin/grid-nodes.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ManagersOnly
    @ResponseBody
    List<NodeChoice> search(@RequestParam(required = false) String q) {
        String text = q == null ? "" : q.strip();
        if (text.isEmpty() || text.length() > 100) {
            return List.of();
        }
        SqlPredicate visible = scopes.current().sql("n.path");
        return jdbc.query("select n.id, n.code, n.type, " + LABEL + " from grid_node n where n.status = 'ACTIVE' "
                + "and (strpos(n.name, ?) > 0 or strpos(lower(n.code), lower(?)) > 0) and (" + visible.sql()
                + ") order by n.depth, n.code limit " + LIMIT,
                (rs, row) -> new NodeChoice(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                visible.argsAfter(text, text));
    }

    /** The labels of these grids, by id, for showing the grids accounts are bound to. */
    Map<Long, String> labels(Collection<Long> ids) {
        Map<Long, String> labels = new HashMap<>();
        List<Long> wanted = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (wanted.isEmpty()) {
            return labels;
        }
        jdbc.query("select n.id, " + LABEL + " from grid_node n where n.id = any (?)",
                rs -> {
                    labels.put(rs.getLong(1), rs.getString(2));
                }, (Object) wanted.toArray(Long[]::new));
        return labels;
    }
}
