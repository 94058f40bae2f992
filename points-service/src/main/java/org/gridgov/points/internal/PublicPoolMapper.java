package org.gridgov.points.internal;

import java.util.List;

import org.gridgov.grid.GridNodeRef;
import org.gridgov.points.PublicPoolView;
import org.gridgov.shared.mapping.MappingConfig;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.Named;

/**
 * A welfare pool's ledger as the public sees it. The anonymisation rule lives here, once: a line says what moved and
 * when, and for its counterpart only "donor" or the grant's number — never a person. A field added to the public
 * view does not compile until it is mapped here on purpose.
 */
@Mapper(config = MappingConfig.class)
public interface PublicPoolMapper {

    @Mapping(target = "communityId", source = "community.id")
    @Mapping(target = "communityName", source = "community.name")
    PublicPoolView toView(GridNodeRef community, long balance, List<PoolEntryRow> entries);

    @Mapping(target = "at", source = "createdAt")
    @Mapping(target = "counterpart", source = "row", qualifiedByName = "counterpart")
    PublicPoolView.Line toLine(PoolEntryRow row);

    /** Who is on the other side, unnamed: the grant's number for a grant, "donor" for a donation, else "-". */
    @Named("counterpart")
    default String counterpart(PoolEntryRow row) {
        return switch (row.type()) {
            case "GRANT" -> "beneficiary #" + row.sourceRef().substring("grant:".length());
            case "DONATE" -> "donor";
            default -> "-";
        };
    }
}
