package org.gridgov.shared.partner;

import java.util.Optional;

/**
 * The community partners (社区合伙人) of the 益·社 alliance, as other modules refer to them: by id. The points module
 * owns the partners (its mall sells their goods) and implements this port; the participation module names them as
 * the partners of micro-governance projects without reaching into the points module's tables.
 */
@FunctionalInterface
public interface CommunityPartners {

    /** The name of the active partner with this id; empty when there is none or it is no longer active. */
    Optional<String> activeName(long partnerId);
}
