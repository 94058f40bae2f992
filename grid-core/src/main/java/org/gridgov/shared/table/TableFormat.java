package org.gridgov.shared.table;

import java.util.Locale;

import org.gridgov.shared.DomainException;

/** The spreadsheet formats of the platform's imports and exports. */
public enum TableFormat {

    CSV("csv", "text/csv;charset=UTF-8"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final String extension;
    private final String mediaType;

    TableFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** {@code csv} (also for null/blank) or {@code xlsx}, any case; anything else is a 400 naming {@code format}. */
    public static TableFormat of(String requested, String problemCode) {
        String f = requested == null || requested.isBlank() ? "csv" : requested.strip().toLowerCase(Locale.ROOT);
        return switch (f) {
            case "csv" -> CSV;
            case "xlsx" -> XLSX;
            default -> throw DomainException.invalidField(problemCode, "format", "format must be csv or xlsx");
        };
    }

    /** The format of an uploaded file by its name, or null for neither .csv nor .xlsx. */
    public static TableFormat ofFileName(String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") ? CSV : name.endsWith(".xlsx") ? XLSX : null;
    }
}
