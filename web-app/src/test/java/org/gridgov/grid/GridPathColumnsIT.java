package org.gridgov.grid;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import org.gridgov.PlatformTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every path-like column of the whole schema (every module's migrations applied) is declared by its module through
 * {@link GridPathCopies}: as a copy that a subtree move rebases, or as not a copy with the reason. A table added
 * later with a {@code grid_path} nobody declared fails here, instead of silently keeping old paths after a move.
 */
@PlatformTest
class GridPathColumnsIT {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    List<GridPathCopies> declarations;

    @Autowired
    TransactionTemplate tx;

    @Test
    void every_path_column_of_the_schema_is_declared_as_a_copy_or_as_not_a_copy() {
        Set<String> schema = pathColumns();
        Set<String> declared = declared();

        assertThat(schema).as("path columns no module declared (add them to the module's GridPathCopies)")
            .isSubsetOf(declared);
        assertThat(declared).as("declared path columns that do not exist").isSubsetOf(schema);
        assertThat(declarations.stream().flatMap(d -> d.copies().stream()).map(GridPathColumn::qualified))
            .contains("incident.grid_path", "incident.holder_path", "resident_person.grid_path",
                    "service_record.grid_path", "journal_entry.grid_path", "webhook_subscription.subtree_path",
                    "outbox_event.grid_path", "audit_event.scope_path", "grid_import_job.scope_path")
            .as("a column declared by two modules would be rewritten twice on a move")
            .doesNotHaveDuplicates();
    }

    @Test
    void a_new_table_with_an_undeclared_path_column_is_found() {
        Set<String> undeclared = tx.execute(status -> {
            status.setRollbackOnly();
            jdbc.execute("create table forgotten_thing (id bigint, grid_path varchar(400) collate \"C\", "
                    + "path varchar(400) collate \"C\", label_path text, name varchar(50) collate \"C\")");
            Set<String> found = pathColumns();
            found.removeAll(declared());
            return found;
        });

        assertThat(undeclared).containsExactly("forgotten_thing.grid_path", "forgotten_thing.path");
    }

    /**
     * {@code path} and {@code *_path} columns of type varchar with the "C" collation, as table.column. The partitions
     * of a partitioned table (the audit log's months) are not tables of their own: an update of the parent moves them.
     */
    private Set<String> pathColumns() {
        return new TreeSet<>(jdbc.queryForList("""
                select c.table_name || '.' || c.column_name from information_schema.columns c
                 where c.table_schema = current_schema() and c.data_type = 'character varying'
                   and c.collation_name = 'C' and (c.column_name = 'path' or c.column_name like '%\\_path')
                   and not exists (select 1 from pg_class t join pg_namespace n on n.oid = t.relnamespace
                                    where n.nspname = c.table_schema and t.relname = c.table_name
                                      and t.relispartition)""", String.class));
    }

    private Set<String> declared() {
        Set<String> declared = new TreeSet<>();
        for (GridPathCopies declaration : declarations) {
            declaration.copies().forEach(c -> declared.add(c.qualified()));
            declaration.notCopies().keySet().forEach(c -> declared.add(c.qualified()));
        }
        return declared;
    }
}
