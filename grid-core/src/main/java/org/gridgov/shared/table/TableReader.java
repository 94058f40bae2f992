package org.gridgov.shared.table;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntPredicate;
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
 * Rows of an uploaded spreadsheet, one at a time, never the whole file in memory: CSV through commons-csv (in the
 * charset given, a UTF-8 BOM skipped, CRLF or LF, bytes that are not text in that charset replaced by U+FFFD so the
 * row can be refused — see {@link TableRow#undecodableColumn()}), or the first sheet of an .xlsx through FastExcel's
 * streaming reader. Rows carry the number Excel shows. Counts the bytes read, for progress.
 * <p>
 * A malformed file is a {@link DomainException} (INVALID, field {@code file}) with the code
 * {@code <problemPrefix>.malformed-csv} / {@code .malformed-xlsx}.
 */
public abstract class TableReader implements Closeable {

    protected final CountingStream in;
    protected final String problemPrefix;

    TableReader(InputStream in, String problemPrefix) {
        this.in = new CountingStream(in);
        this.problemPrefix = problemPrefix;
    }

    /** A reader of {@code format}; {@code charset} (CSV only) null to read the stream as UTF-8. */
    public static TableReader open(TableFormat format, InputStream in, Charset charset, String problemPrefix) {
        try {
            return format == TableFormat.XLSX ? new Xlsx(in, problemPrefix)
                    : new Csv(in, charset == null ? StandardCharsets.UTF_8 : charset, problemPrefix);
        }
        catch (IOException | RuntimeException ex) {
            if (ex instanceof DomainException domain) {
                throw domain;
            }
            throw DomainException.invalidField(problemPrefix + ".unreadable", "file",
                    "The file cannot be read as " + format + ": " + ex.getMessage());
        }
    }

    /** Whether the first bytes are those of an .xlsx (a zip archive). */
    public static boolean isWorkbook(byte[] head) {
        return head.length >= 8 && ReadableWorkbook.isOOXMLZipHeader(java.util.Arrays.copyOf(head, 8));
    }

    /** Whether the first bytes are those of an old binary .xls. */
    public static boolean isOldXls(byte[] head) {
        return head.length >= 8 && ReadableWorkbook.isOLE2Header(java.util.Arrays.copyOf(head, 8));
    }

    /** The next row, or null at the end; {@code dateColumn} says which columns hold dates (for .xlsx date cells). */
    public abstract TableRow next(IntPredicate dateColumn);

    public TableRow next() {
        return next(column -> false);
    }

    public long bytesRead() {
        return in.count;
    }

    static String clean(String raw) {
        return raw == null ? "" : SafeCells.restore(raw.strip());
    }

    static final class Csv extends TableReader {

        private final CSVParser parser;
        private final Iterator<CSVRecord> records;

        Csv(InputStream raw, Charset charset, String problemPrefix) throws IOException {
            super(raw, problemPrefix);
            BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
            if (charset.equals(StandardCharsets.UTF_8)) {
                buffered.mark(3);
                if (!TextCharsets.hasUtf8Bom(buffered.readNBytes(3))) {
                    buffered.reset();
                }
            }
            var decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).replaceWith("\uFFFD");
            // empty lines are rows too: Excel numbers them, and so must the error report
            this.parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get()
                .parse(new InputStreamReader(buffered, decoder));
            this.records = parser.iterator();
        }

        @Override
        public TableRow next(IntPredicate dateColumn) {
            try {
                if (!records.hasNext()) {
                    return null;
                }
                CSVRecord record = records.next();
                List<String> cells = new ArrayList<>(record.size());
                for (String value : record) {
                    cells.add(clean(value));
                }
                return new TableRow((int) record.getRecordNumber(), cells);
            }
            catch (RuntimeException ex) {
                throw DomainException.invalidField(problemPrefix + ".malformed-csv", "file",
                        "The CSV is malformed near line " + parser.getCurrentLineNumber() + ": " + ex.getMessage());
            }
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }

    static final class Xlsx extends TableReader {

        private final ReadableWorkbook workbook;
        private final Stream<Row> stream;
        private final Iterator<Row> rows;

        Xlsx(InputStream raw, String problemPrefix) throws IOException {
            super(raw, problemPrefix);
            byte[] head = in.readNBytes(8);
            if (!isWorkbook(head)) {
                throw DomainException.invalidField(problemPrefix + ".malformed-xlsx", "file", isOldXls(head)
                        ? "This is an old .xls workbook: save it as .xlsx or CSV" : "The file is not an .xlsx workbook");
            }
            InputStream whole = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), in);
            this.workbook = new ReadableWorkbook(whole);
            this.stream = workbook.getFirstSheet().openStream();
            this.rows = stream.iterator();
        }

        @Override
        public TableRow next(IntPredicate dateColumn) {
            try {
                if (!rows.hasNext()) {
                    return null;
                }
                Row row = rows.next();
                List<String> cells = new ArrayList<>(row.getCellCount());
                for (int i = 0; i < row.getCellCount(); i++) {
                    cells.add(clean(text(row.getCell(i), dateColumn.test(i))));
                }
                return new TableRow(row.getRowNum(), cells);
            }
            catch (RuntimeException ex) {
                throw DomainException.invalidField(problemPrefix + ".malformed-xlsx", "file",
                        "The workbook is damaged: " + ex.getMessage());
            }
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
            if (cell.getType() == CellType.FORMULA) {
                return cell.getRawValue(); // the value Excel computed and saved; the formula itself is never run
            }
            return cell.getText();
        }

        @Override
        public void close() throws IOException {
            stream.close();
            workbook.close();
        }
    }

    /** Counts what passes, for progress. */
    protected static final class CountingStream extends FilterInputStream {

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
