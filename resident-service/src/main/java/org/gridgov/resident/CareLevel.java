package org.gridgov.resident;

/** Three-colour care (三色服务): the level sets how often the person must be visited. */
public enum CareLevel {
    RED, YELLOW, GREEN
}
