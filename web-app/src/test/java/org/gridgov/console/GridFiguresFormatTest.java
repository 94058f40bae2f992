package org.gridgov.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The grid page's figures from other modules read as words and units, not as map keys and fractions. */
class GridFiguresFormatTest {

    final GridFiguresFormat format = new GridFiguresFormat(bundles());

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void a_rate_is_a_percentage_named_in_chinese() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);

        assertThat(format.label("incidents", "acceptedWithin24hRate")).isEqualTo("24小时内受理率");
        assertThat(format.value("acceptedWithin24hRate", 0.125)).isEqualTo("12.5%");
        assertThat(format.value("verificationCoverage", 0.0)).isEqualTo("0%");
        assertThat(format.group("incidents")).isEqualTo("事件（随手报）");
    }

    @Test
    void a_figure_that_cannot_be_computed_yet_says_so_instead_of_null() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(format.value("resolvedOnTimeRate", null)).isEqualTo("尚无数据（还没有可计算的记录）");

        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(format.value("resolvedOnTimeRate", null)).isEqualTo("Not yet known (nothing to count yet)");
        assertThat(format.label("incidents", "resolvedOnTimeRate")).isEqualTo("Resolved on time");
    }

    @Test
    void counts_by_state_are_listed_with_the_states_names() {
        Map<String, Long> projects = new LinkedHashMap<>();
        projects.put("PROPOSED", 2L);
        projects.put("IN_PROGRESS", 1L);

        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(format.value("projectsByState", projects)).isEqualTo("已提出 2，实施中 1");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(format.value("projectsByState", projects)).isEqualTo("proposed 2, in progress 1");
    }

    @Test
    void counts_are_whole_numbers_with_grouping_and_an_unknown_metric_keeps_its_key() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);

        assertThat(format.value("dwellings", 12345L)).isEqualTo("12,345");
        assertThat(format.value("averageRating", 4.256)).isEqualTo("4.26");
        assertThat(format.label("incidents", "someNewFigure")).isEqualTo("someNewFigure");
    }

    private static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
