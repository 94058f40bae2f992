package org.gridgov.console;

import org.junit.jupiter.api.Test;

import org.gridgov.shared.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/** The pager's and language switch's links keep a page's filters; the menu and breadcrumb follow roles and paths. */
class ConsoleLinksAndMenuTest {

    @Test
    void a_link_changes_one_parameter_and_keeps_the_others_in_their_order_and_encoding() {
        ConsoleLinks links = ConsoleLinks.of("/residents", "q=%E5%BC%A0&by=name&page=2&lang=en");
        assertThat(links.with("page", 3)).isEqualTo("/residents?q=%E5%BC%A0&by=name&lang=en&page=3");
        assertThat(links.with("lang", "zh_CN")).isEqualTo("/residents?q=%E5%BC%A0&by=name&page=2&lang=zh_CN");
        assertThat(ConsoleLinks.of("/admin/audit", null).with("lang", "en")).isEqualTo("/admin/audit?lang=en");
        assertThat(ConsoleLinks.of("/x", "&&special&page=1").with("page", 0)).isEqualTo("/x?special&page=0");
    }

    @Test
    void a_grid_worker_sees_no_manager_or_administrator_entries_and_an_empty_module_is_dropped() {
        var entries = ConsoleMenu.visibleTo(Role.GRID_WORKER).stream().flatMap(g -> g.entries().stream())
            .map(ConsoleMenu.Entry::id).toList();
        assertThat(entries).contains("nav-grids", "nav-residents", "nav-incidents", "nav-points", "nav-account")
            .doesNotContain("nav-users", "nav-audit", "nav-webhooks", "nav-points-review", "nav-grid-import");
        assertThat(ConsoleMenu.visibleTo(Role.MERCHANT).stream().map(ConsoleMenu.Group::key))
            .doesNotContain("residents", "participation");
        assertThat(ConsoleMenu.visibleTo(null)).isEmpty();
    }

    @Test
    void the_breadcrumb_is_the_longest_menu_path_above_the_page() {
        var menu = ConsoleMenu.visibleTo(Role.SYSTEM_ADMIN);
        var care = ConsoleMenu.crumbOf(menu, "/residents/care");
        assertThat(care.group().key()).isEqualTo("residents");
        assertThat(care.entry().id()).isEqualTo("nav-care");
        assertThat(care.current()).isTrue();
        var card = ConsoleMenu.crumbOf(menu, "/residents/42");
        assertThat(card.entry().id()).isEqualTo("nav-residents");
        assertThat(card.current()).isFalse();
        assertThat(ConsoleMenu.crumbOf(menu, "/residents-x")).isNull();
        assertThat(ConsoleMenu.crumbOf(menu, "/")).isNull();
    }
}
