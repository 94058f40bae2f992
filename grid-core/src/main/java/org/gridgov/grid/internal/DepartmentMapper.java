package org.gridgov.grid.internal;

import org.mapstruct.Mapper;

import org.gridgov.grid.DepartmentView;
import org.gridgov.shared.mapping.MappingConfig;

/** Functional departments as the API shows them. */
@Mapper(config = MappingConfig.class)
public interface DepartmentMapper {

    DepartmentView toView(Department department);
}
