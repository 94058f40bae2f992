package org.gridgov.resident;

import java.util.List;

/** A safety checklist (e.g. 燃气安全): its items are data. */
public record ChecklistView(String code, String name, List<Item> items, boolean active) {

    public record Item(String code, String text) {
    }
}
