package org.gridgov.shared.table;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Rows out to CSV or .xlsx as they come, the one exporter of the platform: CSV in UTF-8 <em>with a BOM</em> (without
 * it Excel reads UTF-8 as the system's code page and garbles Chinese) and CRLF line ends; .xlsx with every cell a
 * text cell (never a formula), written by FastExcel's streaming writer (flushed every 1,000 rows). Every cell is
 * neutralised by {@link SafeCells}.
 */
public abstract class TableWriter implements AutoCloseable {

    /** A writer whose first row is {@code header}; {@code sheetName} names the .xlsx sheet. */
    public static TableWriter open(TableFormat format, OutputStream out, String sheetName, List<String> header) {
        TableWriter writer = format == TableFormat.XLSX ? new Xlsx(out, sheetName) : new Csv(out);
        writer.row(header.toArray(String[]::new));
        return writer;
    }

    public abstract void row(String... cells);

    public void row(List<String> cells) {
        row(cells.toArray(String[]::new));
    }

    @Override
    public abstract void close();

    static final class Csv extends TableWriter {

        private final CSVPrinter printer;

        Csv(OutputStream out) {
            try {
                OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                writer.write('\uFEFF');
                this.printer = new CSVPrinter(writer, CSVFormat.DEFAULT);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public void row(String... cells) {
            try {
                for (String cell : cells) {
                    printer.print(SafeCells.text(cell));
                }
                printer.println();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public void close() {
            try {
                printer.flush();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    static final class Xlsx extends TableWriter {

        private final Workbook workbook;
        private final Worksheet sheet;
        private int row;

        Xlsx(OutputStream out, String sheetName) {
            this.workbook = new Workbook(out, "GridGov", "1.0");
            this.sheet = workbook.newWorksheet(sheetName == null || sheetName.isBlank() ? "export" : sheetName);
        }

        @Override
        public void row(String... cells) {
            for (int c = 0; c < cells.length; c++) {
                if (cells[c] != null) {
                    sheet.value(row, c, SafeCells.text(cells[c]));
                }
            }
            row++;
            if (row % 1000 == 0) {
                try {
                    sheet.flush();
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        }

        @Override
        public void close() {
            try {
                workbook.finish();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
