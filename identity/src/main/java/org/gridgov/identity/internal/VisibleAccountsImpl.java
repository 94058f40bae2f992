package org.gridgov.identity.internal;

import java.util.Comparator;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.SqlPredicate;

/**
 * The scoped account list: the page's ids in SQL with the scope's predicate on the bound grid's path
 * ({@link DataScope#sql(String)}), then the accounts themselves through JPA.
 */
class VisibleAccountsImpl implements VisibleAccounts {

    private final JdbcClient jdbc;
    private final EntityManager entities;

    VisibleAccountsImpl(JdbcClient jdbc, EntityManager entities) {
        this.jdbc = jdbc;
        this.entities = entities;
    }

    @Override
    public Page<Account> findVisible(DataScope scope, String query, Pageable pageable) {
        SqlPredicate where = scope.sql("n.path").and(query == null ? SqlPredicate.TRUE
                : SqlPredicate.of("(a.username ilike '%' || ? || '%' or a.display_name ilike '%' || ? || '%')", query,
                        query));
        String from = " from account a left join grid_node n on n.id = a.scope_node_id where " + where.sql();
        long total = jdbc.sql("select count(*)" + from).params(where.args()).query(Long.class).single();
        List<Long> ids = jdbc.sql("select a.id" + from + " order by a.username limit ? offset ?")
            .params(where.argsBefore(pageable.getPageSize(), pageable.getOffset()))
            .query(Long.class).list();
        List<Account> page = ids.isEmpty() ? List.of()
                : entities.createQuery("select a from Account a where a.id in :ids", Account.class)
                    .setParameter("ids", ids).getResultList().stream()
                    .sorted(Comparator.comparingInt(account -> ids.indexOf(account.getId())))
                    .toList();
        return new PageImpl<>(page, pageable, total);
    }
}
