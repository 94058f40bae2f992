package org.gridgov.resident;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A safety checklist (e.g. 燃气安全): its items are data. */
public record ChecklistView(String code, String name, List<Item> items, boolean active) {

    public record Item(@Schema(example = "HOSE_AGE") String code,
            @Schema(example = "燃气软管未超过使用年限且无老化开裂") String text) {
    }
}
