package org.gridgov.grid.synthetic;

import java.io.IOException;
import java.io.Writer;

/**
 * A writer of one record (a feature, a staff line) at a time: the record is built in {@link #record} and copied to
 * the output through a reused buffer, so streaming 150,000 records allocates no string per record.
 */
abstract class RecordWriter {

    /** The record being built; {@link #emit()} writes it out. */
    protected final StringBuilder record = new StringBuilder(512);
    private final Writer out;
    private char[] chars = new char[1024];

    /** @param out where the records go; null when this output was not asked for (nothing may be emitted then) */
    RecordWriter(Writer out) {
        this.out = out;
    }

    final boolean enabled() {
        return out != null;
    }

    final void write(String text) throws IOException {
        out.write(text);
    }

    /** Writes the record built so far. */
    final void emit() throws IOException {
        int length = record.length();
        if (chars.length < length) {
            chars = new char[Math.max(length, 2 * chars.length)];
        }
        record.getChars(0, length, chars, 0);
        out.write(chars, 0, length);
    }

    /** Flushes the output (it is not closed: it belongs to the caller). */
    final void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }
}
