package org.gridgov.grid.internal;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

import org.gridgov.grid.GridType;
import org.gridgov.grid.StaffRole;

public interface DutyRepository extends JpaRepository<Duty, Long> {

    List<Duty> findByGridTypeAndActiveTrueOrderBySortOrder(GridType gridType);

    List<Duty> findByGridTypeAndRoleAndActiveTrueOrderBySortOrder(GridType gridType, StaffRole role);

    boolean existsByGridTypeAndRoleAndCodeAndActiveTrue(GridType gridType, StaffRole role, String code);
}
