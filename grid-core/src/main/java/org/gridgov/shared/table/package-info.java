/**
 * Spreadsheets in and out, the way cities' offices really have them: one reader for CSV (UTF-8 with or without
 * BOM, GBK/GB18030 as Excel saves "CSV" on Chinese Windows, CRLF) and .xlsx, and one writer for CSV (with a BOM, so
 * Excel opens Chinese correctly) and .xlsx, neutralising cells that would start a formula. Used by every import and
 * export of the platform (grids, staff, residents). FastExcel for .xlsx: it streams both ways in bounded memory with
 * two small jars (Apache POI's streaming needs poi-ooxml and ~15 MB of dependencies for the same).
 */
package org.gridgov.shared.table;
