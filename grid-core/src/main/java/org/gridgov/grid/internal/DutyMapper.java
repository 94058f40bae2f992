package org.gridgov.grid.internal;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

import org.gridgov.grid.AdmissionDecision;
import org.gridgov.grid.AdmissionView;
import org.gridgov.grid.DutyView;
import org.gridgov.shared.mapping.MappingConfig;

/** Duty-list items and admission approvals as the API shows them. */
@Mapper(config = MappingConfig.class)
public interface DutyMapper {

    DutyView toView(Duty duty);

    AdmissionView toView(DutyAdmission admission);

    /** The decision "admitted by this recorded approval". */
    @Mapping(target = "outcome", constant = "APPROVED")
    @Mapping(target = "admissionId", source = "id")
    AdmissionDecision toDecision(DutyAdmission admission);
}
