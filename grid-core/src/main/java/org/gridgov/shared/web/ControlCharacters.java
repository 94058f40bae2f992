package org.gridgov.shared.web;

/**
 * Which characters text sent to the platform may not hold: the C0 and C1 control characters and DEL (Unicode
 * category Cc), NUL above all, except tab, line feed and carriage return, which free text may carry. PostgreSQL
 * cannot store a NUL in text at all, XML 1.0 cannot carry most of the others, and none of them belongs in a name,
 * an address or a description.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** The index of the first forbidden character, or -1 when the text is clean (or null). */
    public static int firstForbidden(CharSequence text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
        }
        return -1;
    }

    /** How to name the character in a message: {@code U+0000}. */
    static String describe(CharSequence text, int index) {
        return String.format("U+%04X at position %d", (int) text.charAt(index), index);
    }
}
