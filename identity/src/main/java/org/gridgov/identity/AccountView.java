package org.gridgov.identity;

import org.gridgov.shared.security.Role;
import java.time.Instant;

/** An account as managers see it. The phone is masked (138****5678). */
public record AccountView(long id, String username, String displayName, String phone, Role role, Long scopeNodeId,
        Long departmentId, Long partnerId, String status, boolean locked, Instant lockedUntil, int failedAttempts,
        Instant lastLoginAt, long version, Instant createdAt) {

    /** 13812345678 → 138****5678: whose number it is can be told, the number itself not. */
    public static String maskPhone(String phone) {
        if (phone == null || phone.length() < 7) {
            return phone;
        }
        return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }
}
