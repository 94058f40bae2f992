package org.gridgov.identity.internal;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import org.gridgov.shared.security.Role;

public interface AccountRepository extends JpaRepository<Account, Long> {

    Optional<Account> findByUsername(String username);

    boolean existsByUsername(String username);

    boolean existsByRole(Role role);

    boolean existsByPhone(String phone);

    /**
     * Accounts visible within a scope: those bound to a grid inside it ({@code lower <= path < upper}); city-wide
     * callers ({@code all}) see every account.
     */
    @Query(value = """
            select a.* from account a left join grid_node n on n.id = a.scope_node_id
             where (:all or (n.path >= :lower and n.path < :upper))
               and (:q is null or a.username ilike '%' || :q || '%' or a.display_name ilike '%' || :q || '%')
             order by a.username""",
            countQuery = """
            select count(*) from account a left join grid_node n on n.id = a.scope_node_id
             where (:all or (n.path >= :lower and n.path < :upper))
               and (:q is null or a.username ilike '%' || :q || '%' or a.display_name ilike '%' || :q || '%')""",
            nativeQuery = true)
    Page<Account> findVisible(@Param("all") boolean all, @Param("lower") String lower, @Param("upper") String upper,
            @Param("q") String query, Pageable pageable);
}
