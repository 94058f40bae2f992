/**
 * The 益·社 community partners as a port ({@link org.gridgov.shared.partner.CommunityPartners}): owned and implemented
 * by the points module, read by the participation module (partners of micro-governance projects).
 */
package org.gridgov.shared.partner;
