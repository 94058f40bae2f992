package org.gridgov.grid.internal;

import org.mapstruct.Mapper;

import org.gridgov.grid.StaffView;
import org.gridgov.shared.mapping.MappingConfig;

/** Staff assignments as the API shows them. */
@Mapper(config = MappingConfig.class)
public interface GridStaffMapper {

    StaffView toView(GridStaff staff);
}
