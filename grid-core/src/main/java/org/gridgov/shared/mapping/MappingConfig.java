package org.gridgov.shared.mapping;

import org.mapstruct.InjectionStrategy;
import org.mapstruct.MapperConfig;
import org.mapstruct.MappingConstants;
import org.mapstruct.ReportingPolicy;

/**
 * The one MapStruct configuration every module's {@code @Mapper} uses ({@code @Mapper(config = MappingConfig.class)}):
 * Spring beans with constructor injection, and a compile error for any target property left unmapped, so a field
 * added to a view cannot silently stay empty.
 */
@MapperConfig(componentModel = MappingConstants.ComponentModel.SPRING, injectionStrategy = InjectionStrategy.CONSTRUCTOR,
        unmappedTargetPolicy = ReportingPolicy.ERROR)
public interface MappingConfig {
}
