package org.gridgov.grid.synthetic;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

import org.gridgov.grid.GridType;

/**
 * The city's GeoJSON {@code FeatureCollection}, streamed one feature per line in the format of
 * {@link SyntheticCity}'s class comment, counting the features written per grid type.
 */
final class FeatureWriter extends RecordWriter {

    private final int[] written = new int[GridType.values().length];
    private boolean firstFeature = true;

    FeatureWriter(Writer geojson) {
        super(geojson);
    }

    void start() throws IOException {
        write("{\"type\":\"FeatureCollection\",\"features\":[\n");
    }

    /** Writes the grid whose rectangle is {@code rects[4*i..4*i+3]} as one feature line. */
    void feature(String code, String name, GridType type, String parentCode, double[] rects, int i)
            throws IOException {
        double x0 = rects[4 * i];
        double y0 = rects[4 * i + 1];
        double x1 = rects[4 * i + 2];
        double y1 = rects[4 * i + 3];
        record.setLength(0);
        if (!firstFeature) {
            record.append(",\n");
        }
        firstFeature = false;
        record.append("{\"type\":\"Feature\",\"properties\":{\"code\":");
        appendJsonString(record, code);
        record.append(",\"name\":");
        appendJsonString(record, name);
        record.append(",\"type\":\"").append(type.name()).append("\",\"parentCode\":");
        appendJsonString(record, parentCode);
        record.append("},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[");
        point(x0, y0).append(',');
        point(x1, y0).append(',');
        point(x1, y1).append(',');
        point(x0, y1).append(',');
        point(x0, y0);
        record.append("]]}}");
        emit();
        written[type.ordinal()]++;
    }

    private StringBuilder point(double x, double y) {
        record.append('[');
        appendCoordinate(record, x);
        record.append(',');
        appendCoordinate(record, y);
        return record.append(']');
    }

    void finish() throws IOException {
        write("\n]}\n");
        flush();
    }

    /** How many features of this type were written. */
    int written(GridType type) {
        return written[type.ordinal()];
    }

    /** A coordinate with at most 7 decimals, '.' as separator, no trailing zeros (e.g. 104.9, 30.1234568, 103). */
    static void appendCoordinate(StringBuilder sb, double value) {
        long scaled = Math.round(value * 1e7);
        if (scaled < 0) {
            sb.append('-');
            scaled = -scaled;
        }
        sb.append(scaled / 10_000_000L);
        long fraction = scaled % 10_000_000L;
        if (fraction != 0) {
            int digits = 7;
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
            sb.append('.');
            String f = Long.toString(fraction);
            for (int i = f.length(); i < digits; i++) {
                sb.append('0');
            }
            sb.append(f);
        }
    }

    /** A JSON string literal ({@code null} for null), escaped by hand: no JSON library is on the classpath here. */
    static void appendJsonString(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (ch < 0x20 || ch == '\u2028' || ch == '\u2029') {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        sb.append('"');
    }
}
