package org.gridgov.participation;

/**
 * A new deliberation topic.
 *
 * @param gridId the community, or a grid below it (a compound's micro grid)
 * @param supportThreshold the supports that put it on the agenda: staff may set it, residents' topics get the
 *        community default
 */
public record RaiseTopicCommand(Long gridId, String title, String body, Integer supportThreshold) {
}
