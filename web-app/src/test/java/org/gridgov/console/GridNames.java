package org.gridgov.console;

import java.util.Map;

/**
 * Test grids are named in words, as a community names its grids ("问卷社区", not "问卷COMMUNITY"): the browser tests
 * share one database, and {@code CodesInWordsBrowserIT} reads every page for raw codes — a type code in a grid's
 * name would show up on another test's pages.
 */
final class GridNames {

    private static final Map<String, String> IN_WORDS = Map.of("CITY", "市", "DISTRICT", "区", "STREET", "街道",
            "COMMUNITY", "社区", "GENERAL_GRID", "总网格", "MICRO_GRID", "微网格", "DEDICATED_GRID", "专属网格");

    private GridNames() {
    }

    /** The grid type in words (the type code itself for a type not listed). */
    static String inWords(String type) {
        return IN_WORDS.getOrDefault(type, type);
    }
}
