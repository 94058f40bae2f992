package org.gridgov.points;

/** A new partner of the 益·社 alliance. */
public record CreatePartnerCommand(String name, String kind, String contactName, String contactPhone,
        Long communityId) {
}
