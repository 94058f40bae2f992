package org.gridgov.grid.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import org.gridgov.shared.audit.Actor;
import org.gridgov.shared.audit.AuditLog;

/**
 * The audit trail of the grid tree and its staff: every create, change, move, retirement, boundary redraw, import,
 * staff assignment and end, admission and department, with who and when (the {@link AuditLog}), what it looked like
 * before and after ({@code {"before": {…}, "after": {…}}} as the event's detail), and the grid's path as the event's
 * scope, so a manager reads the history of their own part of the tree. Written in the changing transaction.
 */
@Component
public class GridAudit {

    /** The audit log keeps details up to this many characters; ours stay well below. */
    private static final int MAX_DETAIL = 2000;

    private final AuditLog audit;
    private final JsonMapper json;

    GridAudit(AuditLog audit, JsonMapper json) {
        this.audit = audit;
        this.json = json;
    }

    /** A change of something in the tree: {@code before} null for a creation, {@code after} null for a removal. */
    public void change(String action, String targetType, Object targetId, String scopePath,
            Map<String, ?> before, Map<String, ?> after) {
        audit.recordChange(action, targetType, String.valueOf(targetId), scopePath, detail(before, after));
    }

    /** The same on behalf of a given actor (the submitter of a background import). */
    public void change(Actor actor, String action, String targetType, Object targetId, String scopePath,
            Map<String, ?> before, Map<String, ?> after) {
        audit.recordChange(actor, action, targetType, String.valueOf(targetId), scopePath, detail(before, after));
    }

    /** What a node looks like in the log. */
    public static Map<String, Object> node(GridNode node, String parentCode) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("code", node.getCode());
        state.put("name", node.getName());
        state.put("type", node.getType());
        state.put("parentCode", parentCode);
        state.put("partyOrganisation", node.isPartyOrganisation());
        state.put("status", node.getStatus());
        return state;
    }

    /** A boundary in the log: its size and extent, not its vertices. */
    public static Map<String, Object> boundary(Geometry geometry) {
        Map<String, Object> state = new LinkedHashMap<>();
        if (geometry == null) {
            state.put("boundary", null);
            return state;
        }
        Envelope e = geometry.getEnvelopeInternal();
        state.put("areaSquareMetres", Math.round(LocalMetres.squareMetres(geometry)));
        state.put("vertices", geometry.getNumPoints());
        state.put("extent", String.format(java.util.Locale.ROOT, "%.6f,%.6f – %.6f,%.6f", e.getMinX(), e.getMinY(),
                e.getMaxX(), e.getMaxY()));
        return state;
    }

    private String detail(Map<String, ?> before, Map<String, ?> after) {
        Map<String, Object> detail = new LinkedHashMap<>();
        if (before != null) {
            detail.put("before", before);
        }
        if (after != null) {
            detail.put("after", after);
        }
        String text = json.writeValueAsString(detail);
        if (text.length() > MAX_DETAIL) {
            throw new IllegalStateException("audit detail too long (" + text.length() + " characters): " + detail);
        }
        return text;
    }
}
