package org.gridgov.grid.internal.imports;

/** A node already in the database that an import refers to (by its own code or as a parent). */
record ExistingNode(long id, String code, String type, String status, String path, int depth, String parentCode,
        String name, boolean partyOrganisation, byte[] boundary) {
}
