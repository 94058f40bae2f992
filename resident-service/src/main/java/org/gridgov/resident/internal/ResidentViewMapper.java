package org.gridgov.resident.internal;

import java.util.List;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

import org.gridgov.resident.CompoundView;
import org.gridgov.resident.ResidentView;
import org.gridgov.shared.mapping.MappingConfig;

/**
 * Views completed with what a second query found: a resident with tags and residences, a compound with its
 * buildings. The views are records of many fields of the same types (a resident has eight strings); copied by name,
 * a masked phone cannot land where the masked ID number belongs, and a field added to a view that is not copied
 * fails the compile ({@link MappingConfig}). Rows themselves are read straight into views by JDBC: there is no entity
 * in between.
 */
@Mapper(config = MappingConfig.class)
public interface ResidentViewMapper {

    @Mapping(target = "tags", source = "tags")
    @Mapping(target = "residences", source = "residences")
    ResidentView withDetails(ResidentView resident, List<String> tags, List<ResidentView.ResidenceView> residences);

    @Mapping(target = "buildings", source = "buildings")
    CompoundView withBuildings(CompoundView compound, List<CompoundView.BuildingView> buildings);
}
