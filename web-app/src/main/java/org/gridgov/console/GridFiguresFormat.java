package org.gridgov.console;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The figures other modules add to a grid page, in words: used as {@code ${@gridFigures.label('incidents', key)}} and
 * {@code ${@gridFigures.value(key, value)}}. Metrics are labelled from the bundles (the key itself only when a module
 * adds one the bundles don't know yet); rates and coverages are shown as percentages; a figure that cannot be
 * computed yet (no decided report, no dwelling) says so instead of {@code null}; counts by state are listed with
 * the states' names.
 */
@Component("gridFigures")
public class GridFiguresFormat {

    private final MessageSource messages;

    GridFiguresFormat(MessageSource messages) {
        this.messages = messages;
    }

    /** The heading of one module's figures ("事件", "居民"...). */
    public String group(String module) {
        return message("grid.figures.extension." + module, module);
    }

    /** The name of a metric of a module. */
    public String label(String module, String metric) {
        return message("grid.figures.metric." + module + "." + metric, metric);
    }

    /** The value in words and units. */
    public String value(String metric, Object value) {
        Locale locale = LocaleContextHolder.getLocale();
        if (value == null) {
            return message("grid.figures.not-yet-known", "—");
        }
        if (value instanceof Map<?, ?> counts) {
            StringJoiner joined = new StringJoiner(message("grid.figures.separator", ", "));
            counts.forEach((state, count) -> joined.add(message("grid.figures.state." + state, String.valueOf(state))
                    + " " + count));
            return joined.toString();
        }
        if (value instanceof Number number && isShare(metric)) {
            NumberFormat percent = NumberFormat.getPercentInstance(locale);
            percent.setMaximumFractionDigits(1);
            return percent.format(number.doubleValue());
        }
        if (value instanceof Double || value instanceof Float) {
            NumberFormat decimal = NumberFormat.getNumberInstance(locale);
            decimal.setMaximumFractionDigits(2);
            return decimal.format(((Number) value).doubleValue());
        }
        if (value instanceof Number number) {
            return NumberFormat.getIntegerInstance(locale).format(number.longValue());
        }
        return String.valueOf(value);
    }

    /** Rates and coverages are shares of one. */
    static boolean isShare(String metric) {
        return metric != null && (metric.endsWith("Rate") || metric.endsWith("Coverage"));
    }

    private String message(String key, String fallback) {
        return messages.getMessage(key, null, fallback, LocaleContextHolder.getLocale());
    }
}
