/**
 * Data retention: the settings every module's purge job reads ({@code gridgov.retention.*}, docs/RELIABILITY.md).
 */
package org.gridgov.shared.retention;
