package org.gridgov.console;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

import jakarta.servlet.http.HttpServletRequest;

import org.gridgov.shared.PageResult;
import org.gridgov.shared.audit.AuditLog;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.DataScopeProvider;
import org.gridgov.shared.table.TableFormat;
import org.gridgov.shared.table.TableWriter;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The export of a console list that has no export of its own in its module: it pages through the very service query
 * the list shows (so exactly the filtered rows, in the viewer's data scope) and writes them through the platform's
 * one {@link TableWriter} — CSV with a BOM or .xlsx, every cell neutralised against formulas. The export is in the
 * audit log with its filter. Callers put no personal data in the rows (lists with personal data have their module's
 * masked, audited export, e.g. the residents').
 */
@Component
class ConsoleTableExport {

    /** Rows read per service call while writing. */
    static final int BATCH = 500;

    private final AuditLog audit;
    private final DataScopeProvider scopes;

    ConsoleTableExport(AuditLog audit, DataScopeProvider scopes) {
        this.audit = audit;
        this.scopes = scopes;
    }

    /**
     * @param what the list's name: the file's name, the sheet's and the audit's target type
     * @param format {@code csv} or {@code xlsx} (anything else: 400 naming {@code format})
     * @param filter the list's filter in words, for the audit log
     * @param pages the list's query, page by page (0-based), {@link #BATCH} rows each
     */
    <T> ResponseEntity<StreamingResponseBody> export(String what, String format, String filter, List<String> header,
            IntFunction<PageResult<T>> pages, Function<T, List<String>> row, HttpServletRequest request) {
        TableFormat table = TableFormat.of(format, "console.export.format");
        DataScope scope = scopes.current();
        audit.record("EXPORT", what, null, scope.isAll() ? null : scope.path(), table.extension() + " filter=" + filter);
        ShallowEtagHeaderFilter.disableContentCaching(request);
        // the body is written after the controller returns: it reads the lists as the same signed-in user
        // ... and in the user's language, so codes come out in the words of the page the button was on
        SecurityContext context = SecurityContextHolder.getContext();
        LocaleContext language = LocaleContextHolder.getLocaleContext();
        StreamingResponseBody body = out -> {
            SecurityContext before = SecurityContextHolder.getContext();
            LocaleContext languageBefore = LocaleContextHolder.getLocaleContext();
            SecurityContextHolder.setContext(context);
            LocaleContextHolder.setLocaleContext(language);
            try (TableWriter writer = TableWriter.open(table, out, what, header)) {
                for (int page = 0;; page++) {
                    PageResult<T> result = pages.apply(page);
                    result.items().forEach(item -> writer.row(row.apply(item)));
                    if (page + 1 >= result.totalPages()) {
                        break;
                    }
                }
            }
            finally {
                SecurityContextHolder.setContext(before);
                LocaleContextHolder.setLocaleContext(languageBefore);
            }
        };
        return ResponseEntity.ok()
            .header("Content-Disposition", "attachment; filename=\"" + what + "." + table.extension() + "\"")
            .contentType(MediaType.parseMediaType(table.mediaType()))
            .body(body);
    }
}
