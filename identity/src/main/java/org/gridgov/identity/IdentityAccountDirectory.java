package org.gridgov.identity;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.gridgov.shared.people.AccountDirectory;
import org.gridgov.shared.security.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Identity's answer to other modules' questions about accounts (points: who may receive a grant, whose ledger). */
@Component
@Transactional(readOnly = true)
class IdentityAccountDirectory implements AccountDirectory {

    private static final RowMapper<AccountFacts> FACTS = (rs, i) -> new AccountFacts(rs.getLong("id"),
            Role.valueOf(rs.getString("role")), (Long) rs.getObject("scope_node_id"), rs.getString("display_name"),
            "ACTIVE".equals(rs.getString("status")));

    private final JdbcTemplate jdbc;

    IdentityAccountDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<AccountFacts> account(long accountId) {
        return jdbc.query("select id, role, scope_node_id, display_name, status from account where id = ?", FACTS,
                accountId).stream().findFirst();
    }

    @Override
    public List<AccountFacts> accounts(Collection<Long> accountIds) {
        if (accountIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("select id, role, scope_node_id, display_name, status from account where id = any(?)", FACTS,
                (Object) accountIds.toArray(Long[]::new));
    }

    @Override
    public List<AccountFacts> boundTo(Role role, long nodeId) {
        // account_scope_idx on scope_node_id
        return jdbc.query("""
                select id, role, scope_node_id, display_name, status from account
                 where scope_node_id = ? and role = ? and status = 'ACTIVE' order by id""", FACTS, nodeId, role.name());
    }
}
