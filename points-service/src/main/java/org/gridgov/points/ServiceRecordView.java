package org.gridgov.points;

import java.math.BigDecimal;
import java.time.Instant;

/** A service record (服务记录) and its review. */
public record ServiceRecordView(long id, String typeCode, String typeName, long workerId, String workerName,
        long gridId, String beneficiary, Instant performedAt, BigDecimal hours, String place, String description,
        String photoRefs, String state, String reviewedBy, Instant reviewedAt, String reviewNote,
        Integer pointsAwarded, Long entryId, Instant createdAt) {
}
