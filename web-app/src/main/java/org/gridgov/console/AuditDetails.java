package org.gridgov.console;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Shows an audit event's detail readably on the audit page as {@code ${@auditDetails.changes(detail)}}: a detail of
 * the form {@code {"before": {…}, "after": {…}}} (grid tree and staff changes) becomes one row per field with its
 * value before and after; anything else is shown as the text it is (an empty list).
 */
@Component("auditDetails")
public class AuditDetails {

    private final JsonMapper json;

    AuditDetails(JsonMapper json) {
        this.json = json;
    }

    /** One field of a change: its value before and after ("" where there was none). */
    public record Change(String field, String before, String after) {

        public boolean changed() {
            return !Objects.equals(before, after);
        }
    }

    public List<Change> changes(String detail) {
        if (detail == null || !detail.startsWith("{")) {
            return List.of();
        }
        JsonNode tree;
        try {
            tree = json.readTree(detail);
        }
        catch (JacksonException ex) {
            return List.of();
        }
        JsonNode before = tree.path("before");
        JsonNode after = tree.path("after");
        if (!before.isObject() && !after.isObject()) {
            return List.of();
        }
        Set<String> fields = new LinkedHashSet<>();
        before.propertyNames().forEach(fields::add);
        after.propertyNames().forEach(fields::add);
        List<Change> changes = new ArrayList<>();
        for (String field : fields) {
            changes.add(new Change(field, text(before.path(field)), text(after.path(field))));
        }
        return changes;
    }

    private static String text(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(text(item)));
            return String.join("; ", items);
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }
}
