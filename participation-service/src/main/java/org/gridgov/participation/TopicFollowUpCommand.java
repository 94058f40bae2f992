package org.gridgov.participation;

/**
 * The follow-up of a decided topic.
 *
 * @param kind {@code INCIDENT} (an incident is asked for through the shared kernel), {@code MICRO_PROJECT} (becomes a
 *        proposed micro-governance project) or {@code NONE}
 * @param categoryCode the incident's category (INCIDENT only; an unknown one is reported as OTHER)
 */
public record TopicFollowUpCommand(String kind, String categoryCode, String note) {
}
