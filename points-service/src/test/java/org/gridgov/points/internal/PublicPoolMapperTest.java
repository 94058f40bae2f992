package org.gridgov.points.internal;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.gridgov.grid.GridNodeRef;
import org.gridgov.grid.GridType;
import org.gridgov.points.PublicPoolView;

import static org.assertj.core.api.Assertions.assertThat;

class PublicPoolMapperTest {

    final PublicPoolMapper mapper = new PublicPoolMapperImpl();
    final Instant at = Instant.parse("2026-12-01T02:30:00Z");

    @Test
    void names_nobody_a_grant_by_its_number_a_donation_as_a_donor() {
        PublicPoolView view = mapper.toView(new GridNodeRef(7, "C7", "三义桥社区", GridType.COMMUNITY), 15,
                List.of(new PoolEntryRow(3, "GRANT", -50, at, "grant:12"), new PoolEntryRow(2, "DONATE", 10, at, null),
                        new PoolEntryRow(1, "ADJUST", 5, at, "entry:9")));

        assertThat(view.communityId()).isEqualTo(7);
        assertThat(view.communityName()).isEqualTo("三义桥社区");
        assertThat(view.balance()).isEqualTo(15);
        assertThat(view.entries()).containsExactly(new PublicPoolView.Line(3, "GRANT", -50, at, "beneficiary #12"),
                new PublicPoolView.Line(2, "DONATE", 10, at, "donor"), new PublicPoolView.Line(1, "ADJUST", 5, at, "-"));
    }
}
