package org.gridgov.resident;

/** A tag on residents; special groups (独居老人, 困难儿童, …) are tags with {@code specialGroup}. */
public record TagView(String code, String name, boolean specialGroup) {
}
