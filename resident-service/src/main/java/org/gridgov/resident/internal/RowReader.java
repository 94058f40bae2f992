package org.gridgov.resident.internal;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

import org.gridgov.shared.DomainException;

/**
 * Rows of an uploaded file, one at a time, never the whole file in memory: CSV through commons-csv, .xlsx (first
 * sheet) through FastExcel's streaming reader. The first row is the header. Counts the bytes read from the file for
 * progress.
 */
public abstract class RowReader implements Closeable {

    private static final Set<String> DATE_COLUMNS = Set.of("birthDate", "movedIn");

    protected final CountingStream in;

    RowReader(Path file) throws IOException {
        this.in = new CountingStream(Files.newInputStream(file));
    }

    public static RowReader open(String format, Path file) {
        try {
            return format.equals("XLSX") ? new Xlsx(file) : new Csv(file);
        }
        catch (IOException | RuntimeException ex) {
            throw new DomainException(DomainException.Kind.INVALID, "resident.import.unreadable",
                    "The file cannot be read as " + format + ": " + ex.getMessage());
        }
    }

    /** Whether the first bytes are those of an .xlsx (a zip archive). */
    public static boolean isWorkbook(byte[] head) {
        return head.length == 8 && ReadableWorkbook.isOOXMLZipHeader(head);
    }

    /** Whether the first bytes are those of an old binary .xls. */
    public static boolean isOldXls(byte[] head) {
        return head.length == 8 && ReadableWorkbook.isOLE2Header(head);
    }

    /** The next row's cells as text (dates as yyyy-MM-dd), or null at the end. */
    public abstract String[] next(java.util.Map<String, Integer> indexes);

    public long bytesRead() {
        return in.count;
    }

    static final class Csv extends RowReader {

        private final CSVParser parser;
        private final Iterator<CSVRecord> records;

        Csv(Path file) throws IOException {
            super(file);
            this.parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get()
                .parse(new InputStreamReader(in, StandardCharsets.UTF_8));
            this.records = parser.iterator();
        }

        @Override
        public String[] next(java.util.Map<String, Integer> indexes) {
            try {
                if (!records.hasNext()) {
                    return null;
                }
                return records.next().values();
            }
            catch (RuntimeException ex) {
                throw new DomainException(DomainException.Kind.INVALID, "resident.import.malformed-csv",
                        "The CSV is malformed near line " + parser.getCurrentLineNumber() + ": " + ex.getMessage());
            }
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }

    static final class Xlsx extends RowReader {

        private final ReadableWorkbook workbook;
        private final Stream<Row> stream;
        private final Iterator<Row> rows;

        Xlsx(Path file) throws IOException {
            super(file);
            byte[] head = in.readNBytes(8);
            if (!isWorkbook(head)) {
                throw new IOException(isOldXls(head)
                        ? "this is an old .xls workbook; save it as .xlsx or CSV" : "not an .xlsx workbook");
            }
            InputStream whole = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), in);
            this.workbook = new ReadableWorkbook(whole);
            this.stream = workbook.getFirstSheet().openStream();
            this.rows = stream.iterator();
        }

        @Override
        public String[] next(java.util.Map<String, Integer> indexes) {
            try {
                if (!rows.hasNext()) {
                    return null;
                }
                Row row = rows.next();
                String[] cells = new String[row.getCellCount()];
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = text(row.getCell(i), isDate(indexes, i));
                }
                return cells;
            }
            catch (RuntimeException ex) {
                throw new DomainException(DomainException.Kind.INVALID, "resident.import.malformed-xlsx",
                        "The workbook is damaged: " + ex.getMessage());
            }
        }

        private static boolean isDate(java.util.Map<String, Integer> indexes, int column) {
            if (indexes == null) {
                return false;
            }
            for (String key : DATE_COLUMNS) {
                if (indexes.getOrDefault(key, -1) == column) {
                    return true;
                }
            }
            return false;
        }

        private static String text(Cell cell, boolean date) {
            if (cell == null || cell.getType() == CellType.EMPTY) {
                return "";
            }
            if (cell.getType() == CellType.NUMBER) {
                if (date) {
                    return cell.asDate().toLocalDate().toString();
                }
                BigDecimal number = cell.asNumber();
                return number.stripTrailingZeros().toPlainString();
            }
            return cell.getText() == null ? "" : cell.getText().strip();
        }

        @Override
        public void close() throws IOException {
            stream.close();
            workbook.close();
        }
    }

    /** Counts what passes, for progress. */
    static final class CountingStream extends FilterInputStream {

        volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
