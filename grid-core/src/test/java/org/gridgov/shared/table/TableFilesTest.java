package org.gridgov.shared.table;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Files as Excel and WPS write them on Chinese Windows, read and written by the shared table kernel. */
class TableFilesTest {

    static final Charset GBK = Charset.forName("GBK");

    static List<TableRow> rows(TableFormat format, byte[] content, Charset charset) {
        List<TableRow> rows = new ArrayList<>();
        try (TableReader reader = TableReader.open(format, new ByteArrayInputStream(content), charset, "test")) {
            TableRow row;
            while ((row = reader.next()) != null) {
                rows.add(row);
            }
        }
        catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
        return rows;
    }

    @Test
    void excels_plain_csv_on_chinese_windows_is_detected_as_gbk_and_read_intact() {
        byte[] gbk = "代码,名称,类型\r\n510107,武侯区,区县\r\n510107011,簇桥街道,街道\r\n".getBytes(GBK);

        assertThat(TextCharsets.detect(gbk)).isEqualTo(TextCharsets.GB18030);
        List<TableRow> rows = rows(TableFormat.CSV, gbk, TextCharsets.detect(gbk));
        assertThat(rows).extracting(TableRow::number).containsExactly(1, 2, 3);
        assertThat(rows.get(1).cells()).containsExactly("510107", "武侯区", "区县");
        assertThat(rows.get(2).cell(1)).isEqualTo("簇桥街道");
        assertThat(rows).allMatch(row -> row.undecodableColumn() < 0);
    }

    @Test
    void excels_csv_utf8_has_a_bom_that_never_reaches_the_first_heading() {
        byte[] bom = "\uFEFFcode,name\r\n510107,武侯区\r\n".getBytes(StandardCharsets.UTF_8);

        assertThat(TextCharsets.detect(bom)).isEqualTo(StandardCharsets.UTF_8);
        List<TableRow> rows = rows(TableFormat.CSV, bom, StandardCharsets.UTF_8);
        assertThat(rows.get(0).cells()).containsExactly("code", "name");
        assertThat(rows.get(1).cells()).containsExactly("510107", "武侯区");
    }

    @Test
    void an_invalid_byte_in_a_gbk_file_marks_its_row_and_column_and_no_other() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("代码,名称\r\n510107,武侯区\r\n".getBytes(GBK));
        file.writeBytes("510104,锦".getBytes(GBK));
        file.writeBytes(new byte[] { (byte) 0x81, (byte) 0x7F }); // a lead byte with a trail byte GBK does not have
        file.writeBytes("区\r\n510105,青羊区\r\n".getBytes(GBK));

        List<TableRow> rows = rows(TableFormat.CSV, file.toByteArray(), TextCharsets.detect(file.toByteArray()));

        assertThat(rows.get(1).undecodableColumn()).isEqualTo(-1);
        assertThat(rows.get(2).number()).isEqualTo(3);
        assertThat(rows.get(2).undecodableColumn()).isEqualTo(1);
        assertThat(rows.get(3).cells()).containsExactly("510105", "青羊区");
    }

    @Test
    void utf8_with_a_damaged_byte_stays_utf8_and_only_that_row_is_marked() {
        StringBuilder text = new StringBuilder("code,name\n");
        for (int i = 0; i < 20; i++) {
            text.append("51010").append(i).append(",第").append(i).append("社区\n");
        }
        byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] damaged = java.util.Arrays.copyOf(utf8, utf8.length + 4);
        System.arraycopy(new byte[] { '9', ',', (byte) 0xFF, '\n' }, 0, damaged, utf8.length, 4);

        assertThat(TextCharsets.detect(damaged)).isEqualTo(StandardCharsets.UTF_8);
        List<TableRow> rows = rows(TableFormat.CSV, damaged, StandardCharsets.UTF_8);
        assertThat(rows.get(20).undecodableColumn()).isEqualTo(-1);
        assertThat(rows.get(21).number()).isEqualTo(22);
        assertThat(rows.get(21).undecodableColumn()).isEqualTo(1);
    }

    @Test
    void blank_lines_keep_the_row_numbers_excel_shows() {
        List<TableRow> rows = rows(TableFormat.CSV, "a,b\r\n\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8), null);
        assertThat(rows).extracting(TableRow::number).containsExactly(1, 2, 3);
        assertThat(rows.get(1).isBlank()).isTrue();
    }

    @Test
    void an_xlsx_with_chinese_headings_is_read_with_excels_row_numbers() throws Exception {
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(xlsx, "test", "1.0");
        Worksheet sheet = workbook.newWorksheet("网格");
        sheet.value(0, 0, "代码");
        sheet.value(0, 1, "名称");
        sheet.value(1, 0, 510107);
        sheet.value(1, 1, "武侯区");
        sheet.value(3, 0, "510107011");
        sheet.value(3, 1, "簇桥街道");
        workbook.finish();

        List<TableRow> rows = rows(TableFormat.XLSX, xlsx.toByteArray(), null);
        assertThat(rows).extracting(TableRow::number).containsExactly(1, 2, 4);
        assertThat(rows.get(1).cells()).containsExactly("510107", "武侯区");
        assertThat(rows.get(2).cell(1)).isEqualTo("簇桥街道");
    }

    @Test
    void exported_cells_that_would_start_a_formula_are_neutralised_and_restored_on_import() {
        assertThat(SafeCells.text("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(SafeCells.text("+1")).isEqualTo("'+1");
        assertThat(SafeCells.text("-2+3")).isEqualTo("'-2+3");
        assertThat(SafeCells.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(SafeCells.text("\tx")).isEqualTo("'\tx");
        assertThat(SafeCells.text("\rx")).isEqualTo("'\rx");
        assertThat(SafeCells.text("张三")).isEqualTo("张三");
        assertThat(SafeCells.restore("'=HYPERLINK(\"x\")")).isEqualTo("=HYPERLINK(\"x\")");
        assertThat(SafeCells.restore("'张三")).isEqualTo("'张三");
    }

    @Test
    void the_exporter_writes_csv_with_a_bom_and_xlsx_text_cells_never_formulas() throws Exception {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        try (TableWriter writer = TableWriter.open(TableFormat.CSV, csv, "x", List.of("name"))) {
            writer.row("=HYPERLINK(\"http://evil\",\"点我\")");
        }
        byte[] bytes = csv.toByteArray();
        assertThat(TextCharsets.hasUtf8Bom(bytes)).isTrue();
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"点我\"\")\"");

        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        try (TableWriter writer = TableWriter.open(TableFormat.XLSX, xlsx, "网格", List.of("名称"))) {
            writer.row("=HYPERLINK(\"http://evil\",\"点我\")");
        }
        try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(xlsx.toByteArray()))) {
            List<Row> rows = book.getFirstSheet().read();
            assertThat(rows.get(0).getCellText(0)).isEqualTo("名称");
            assertThat(rows.get(1).getCellText(0)).isEqualTo("'=HYPERLINK(\"http://evil\",\"点我\")");
            assertThat(rows.get(1).getCell(0).getFormula()).isNull();
        }
    }
}
