/**
 * Residents and care (人房数据, 三色服务, 安全排查): compounds, buildings and dwellings under the micro grids, residents
 * with dated links to dwellings, special-group tags, door-to-door verification, care levels and visits, safety
 * inspections, and imports/exports of the community's own spreadsheets. Depends on grid core only.
 * <p>
 * Personal data (ID numbers, phones, health notes) is encrypted at rest with AES-GCM and searchable through a keyed
 * hash ({@link org.gridgov.resident.internal.PersonalDataCipher}); it is shown masked, and revealed only by an
 * explicit, audited action. Every read goes through the caller's data scope on the dwelling's or person's grid path.
 */
@ApplicationModule(displayName = "Residents and care", allowedDependencies = { "shared", "grid" })
package org.gridgov.resident;

import org.springframework.modulith.ApplicationModule;
