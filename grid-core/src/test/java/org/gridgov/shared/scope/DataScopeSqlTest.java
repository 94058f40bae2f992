package org.gridgov.shared.scope;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataScopeSqlTest {

    @Test
    void a_subtree_scope_is_one_path_range_on_the_named_column() {
        SqlPredicate visible = DataScope.subtree(12, "/1/12/").sql("p.grid_path");

        assertThat(visible.sql()).isEqualTo("p.grid_path >= ? and p.grid_path < ?");
        assertThat(visible.args()).containsExactly("/1/12/", "/1/120");
    }

    @Test
    void everything_and_nothing_need_no_arguments() {
        assertThat(DataScope.all().sql("grid_path")).isEqualTo(SqlPredicate.TRUE);
        assertThat(DataScope.none().sql("grid_path")).isEqualTo(SqlPredicate.FALSE);
    }

    @Test
    void the_range_holds_the_root_and_its_descendants_but_not_a_sibling_with_a_longer_id() {
        PathRange range = PathRange.under("/1/12/");

        assertThat(range.contains("/1/12/")).isTrue();
        assertThat(range.contains("/1/12/345/")).isTrue();
        assertThat(range.contains("/1/120/")).isFalse();
        assertThat(range.contains("/1/13/")).isFalse();
        assertThat(range.contains("/1/")).isFalse();
    }

    @Test
    void predicates_combine_with_their_arguments_in_order() {
        SqlPredicate scoped = DataScope.subtree(12, "/1/12/").sql("d.grid_path")
            .and(PathRange.under("/1/12/7/").sql("d.grid_path"));

        assertThat(scoped.sql()).isEqualTo("(d.grid_path >= ? and d.grid_path < ?) and (d.grid_path >= ? and d.grid_path < ?)");
        assertThat(scoped.argsAfter(42L)).containsExactly(42L, "/1/12/", "/1/120", "/1/12/7/", "/1/12/70");
        assertThat(SqlPredicate.TRUE.and(scoped)).isSameAs(scoped);
        assertThat(DataScope.all().sql("x").or(scoped)).isEqualTo(SqlPredicate.TRUE);
    }

    @Test
    void a_path_must_end_with_its_separator() {
        assertThatThrownBy(() -> PathRange.under("/1/12")).isInstanceOf(IllegalArgumentException.class);
    }
}
