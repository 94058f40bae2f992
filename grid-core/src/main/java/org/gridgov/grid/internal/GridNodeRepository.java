package org.gridgov.grid.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import org.gridgov.grid.GridStatus;

public interface GridNodeRepository extends JpaRepository<GridNode, Long> {

    Optional<GridNode> findByCode(String code);

    boolean existsByCode(String code);

    /** The codes of a node's children, retired ones included (codes are never reused). */
    @org.springframework.data.jpa.repository.Query("select n.code from GridNode n where n.parentId = :parentId")
    java.util.List<String> childCodes(@org.springframework.data.repository.query.Param("parentId") long parentId);

    /** Ids for new nodes, taken from the table's sequence before insert. */
    @Query(value = "select nextval('grid_node_id_seq') from generate_series(1, :count)", nativeQuery = true)
    List<Long> nextIds(@Param("count") int count);

    Page<GridNode> findByParentIdAndStatusOrderByCode(Long parentId, GridStatus status, Pageable pageable);

    Page<GridNode> findByParentIdOrderByCode(Long parentId, Pageable pageable);

    Page<GridNode> findByParentIdIsNullAndStatusOrderByCode(GridStatus status, Pageable pageable);

    long countByParentIdAndStatus(Long parentId, GridStatus status);

    /** Active children per parent, for a page of tree rows in one query: rows of [parentId, count]. */
    @Query("""
            select n.parentId, count(n) from GridNode n
             where n.parentId in :parentIds and n.status = org.gridgov.grid.GridStatus.ACTIVE group by n.parentId""")
    List<Object[]> countActiveChildren(@Param("parentIds") Collection<Long> parentIds);

}
