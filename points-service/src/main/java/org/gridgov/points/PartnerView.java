package org.gridgov.points;

/** A partner of the 益·社 alliance: social enterprise, merchant or resident group. */
public record PartnerView(long id, String name, String kind, String contactName, String contactPhone,
        Long communityId, boolean active) {
}
