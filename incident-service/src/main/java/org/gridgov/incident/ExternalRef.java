package org.gridgov.incident;

/**
 * Another system's own reference to an incident: which system ({@code source}, e.g. {@code HOTLINE_12345}) and its
 * ticket number there. Unique per source: a ticket sent twice is one incident.
 */
public record ExternalRef(String source, String ticket) {
}
