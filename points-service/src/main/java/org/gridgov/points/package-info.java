/**
 * The Happiness Card (幸福卡): points treated like money. A double-entry ledger on PostgreSQL
 * ({@link org.gridgov.points.PointsLedger}: balanced, append-only entries, maintained balances that never go negative
 * for people and pools, holds posted or voided exactly once, idempotent by key and by source document); earning by
 * approved service records and incidents closed with the reporter's confirmation
 * ({@link org.gridgov.points.ServiceRecordService}, {@link org.gridgov.points.IncidentEarnings} via the
 * {@code IncidentClosed} event); the 益·社 points mall
 * ({@link org.gridgov.points.MallService}); the community welfare pools ({@link org.gridgov.points.WelfarePoolService})
 * and their vouchers ({@link org.gridgov.points.GrantVoucherService}); expiry as entries and monthly rankings, the
 * satisfaction ranking by the grid's serving worker ({@link org.gridgov.points.WorkerRatings}). Depends on grid core
 * only; what it must know of accounts and residents it asks through the shared kernel's {@code people} ports.
 */
@ApplicationModule(displayName = "Happiness Card points", allowedDependencies = { "shared", "grid" })
package org.gridgov.points;

import org.springframework.modulith.ApplicationModule;
