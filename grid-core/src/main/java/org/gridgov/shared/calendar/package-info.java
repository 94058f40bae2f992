/**
 * The work calendar as a port ({@link org.gridgov.shared.calendar.PublicHolidays}): owned and implemented by the
 * incident module, read by the modules that open and close things by the calendar (community spaces).
 */
package org.gridgov.shared.calendar;
