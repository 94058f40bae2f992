package org.gridgov.shared.table;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.gridgov.shared.DomainException;

/**
 * Which character set a CSV is in. Excel on Chinese Windows saves "CSV" in the system's code page (GBK, whose
 * superset GB18030 Java decodes) and "CSV UTF-8" as UTF-8 with a BOM; other tools write UTF-8 without one. Detection:
 * a UTF-8 BOM means UTF-8; otherwise the bytes are checked as UTF-8 — a file whose non-ASCII sequences are
 * (nearly) all valid UTF-8 is UTF-8 (a damaged byte or two then fail their rows, instead of the whole file being
 * read as GB18030 and garbled), anything else is GB18030. A client may name the charset instead.
 */
public final class TextCharsets {

    public static final Charset GB18030 = Charset.forName("GB18030");

    /** Valid UTF-8 multi-byte sequences needed per invalid one for a file still to count as (damaged) UTF-8. */
    private static final int VALID_PER_INVALID = 9;

    private TextCharsets() {
    }

    /**
     * The charset a client named: UTF-8 (also UTF8), or GBK / GB2312 / GB18030 (all read as GB18030, their superset);
     * null or blank for "detect". Anything else is a 400 naming {@code charset}.
     */
    public static Charset named(String requested, String problemCode) {
        if (requested == null || requested.isBlank()) {
            return null;
        }
        return switch (requested.strip().toUpperCase(Locale.ROOT).replace("_", "-")) {
            case "UTF-8", "UTF8" -> StandardCharsets.UTF_8;
            case "GBK", "GB2312", "GB18030", "CP936" -> GB18030;
            default -> throw DomainException.invalidField(problemCode, "charset",
                    "charset must be UTF-8 or GB18030 (GBK); leave it out to detect it");
        };
    }

    /** Whether the bytes start with the UTF-8 byte order mark. */
    public static boolean hasUtf8Bom(byte[] head) {
        return head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF;
    }

    /** Detects the charset of a whole stream (read to its end, never held in memory). */
    public static Charset detect(InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        int n = in.readNBytes(buffer, 0, 3);
        if (n == 3 && hasUtf8Bom(buffer)) {
            return StandardCharsets.UTF_8;
        }
        Utf8Check check = new Utf8Check();
        check.feed(buffer, n);
        while ((n = in.read(buffer)) > 0) {
            check.feed(buffer, n);
        }
        check.end();
        return check.invalid == 0 || check.valid >= VALID_PER_INVALID * check.invalid ? StandardCharsets.UTF_8
                : GB18030;
    }

    public static Charset detect(byte[] content) {
        try {
            return detect(new java.io.ByteArrayInputStream(content));
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex); // not from a byte array
        }
    }

    /** Counts valid multi-byte UTF-8 sequences and invalid bytes, across buffer boundaries. */
    private static final class Utf8Check {

        long valid;
        long invalid;
        private int expected; // continuation bytes still expected
        private int min;      // lowest code point the current sequence may encode (overlong check)
        private int codePoint;
        private int length;

        void feed(byte[] bytes, int count) {
            for (int i = 0; i < count; i++) {
                int b = bytes[i] & 0xff;
                if (expected > 0) {
                    if ((b & 0xC0) == 0x80) {
                        codePoint = (codePoint << 6) | (b & 0x3F);
                        if (--expected == 0) {
                            if (codePoint >= min && codePoint <= 0x10FFFF
                                    && (codePoint < 0xD800 || codePoint > 0xDFFF)) {
                                valid++;
                            }
                            else {
                                invalid += length;
                            }
                        }
                        continue;
                    }
                    invalid++; // a sequence cut short; this byte starts afresh
                    expected = 0;
                }
                if (b < 0x80) {
                    continue;
                }
                if (b >= 0xC2 && b <= 0xDF) {
                    start(1, 0x80, b & 0x1F);
                }
                else if (b >= 0xE0 && b <= 0xEF) {
                    start(2, 0x800, b & 0x0F);
                }
                else if (b >= 0xF0 && b <= 0xF4) {
                    start(3, 0x10000, b & 0x07);
                }
                else {
                    invalid++;
                }
            }
        }

        private void start(int continuation, int lowest, int bits) {
            expected = continuation;
            min = lowest;
            codePoint = bits;
            length = continuation + 1;
        }

        void end() {
            if (expected > 0) {
                invalid++;
            }
        }
    }
}
