package org.gridgov.participation;

import java.time.LocalDate;

/** A milestone of a project: what was done, on which day (China time), and how far the project is (0–100). */
public record MilestoneCommand(String title, String note, LocalDate reachedOn, Integer progress) {
}
