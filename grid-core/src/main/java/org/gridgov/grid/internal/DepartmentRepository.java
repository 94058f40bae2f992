package org.gridgov.grid.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface DepartmentRepository extends JpaRepository<Department, Long> {

    List<Department> findByNodeIdAndActiveTrueOrderByCode(long nodeId);

    Optional<Department> findByCode(String code);

    boolean existsByCode(String code);
}
