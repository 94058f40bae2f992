package org.gridgov.resident;

import java.time.LocalDate;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.gridgov.shared.DomainException;
import org.gridgov.shared.people.ResidentDirectory;
import org.gridgov.shared.people.ResidentDirectory.ResidentCard;
import org.gridgov.shared.people.ResidentDirectory.ResidentReference;
import org.gridgov.testsupport.TestCaller;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The resident module's side of the {@link ResidentDirectory} port: other modules keep a resident's id instead of
 * their name, and opening such a reference is for grid staff whose scope covers the resident, audited each time. The
 * incident module calls it from a request (GET /incidents/{id}/resident); here the request is a caller's header.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ResidentReferencesIT {

    @LocalServerPort
    int port;

    @Autowired
    ResidentDirectory directory;

    @Autowired
    JdbcTemplate jdbc;

    ResidentFixture f;

    @BeforeEach
    void setUp() {
        f = new ResidentFixture(port);
    }

    @AfterEach
    void noRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    /** Runs as this caller, as in a request that named them. */
    <T> T as(TestCaller caller, Supplier<T> work) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader(TestCaller.HEADER, caller.header());
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        try {
            return work.get();
        }
        finally {
            RequestContextHolder.resetRequestAttributes();
        }
    }

    @Test
    void a_reference_opens_for_grid_staff_whose_scope_covers_the_resident_and_every_opening_is_audited() {
        String name = "何伟" + org.gridgov.testsupport.Unique.next();
        long id = f.resident(f.workerA, name, ResidentFixture.idNumber(LocalDate.of(1941, 1, 1), true),
                "13800005678", f.dwellingA).path("id").asLong();
        TestCaller workerA = TestCaller.gridWorker(f.microA.id());
        ResidentReference reference = new ResidentReference(id, f.dwellingA);

        ResidentCard card = as(workerA, () -> directory.open(reference, "incident GG-TEST"));
        assertThat(card.name()).isEqualTo(name);
        assertThat(card.idNumberMasked()).contains("**********");
        assertThat(card.phoneMasked()).isEqualTo("138****5678");
        assertThat(card.address()).matches("锦江苑\\d+ 1栋 1单元 101");
        assertThat(card.gridId()).isEqualTo(f.microA.id());
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'RESIDENT_REFERENCE_OPENED' "
                + "and actor = ? and target_id = ? and detail = 'incident GG-TEST'", Long.class, workerA.username(),
                Long.toString(id))).isOne();

        // the neighbouring grid's worker: the resident does not exist for them
        assertThatThrownBy(() -> as(TestCaller.gridWorker(f.microB.id()), () -> directory.open(reference, "x")))
            .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind())
                .isEqualTo(DomainException.Kind.NOT_FOUND));
        // departments and integrators never read residents' data
        for (TestCaller caller : new TestCaller[] { TestCaller.departmentStaff(1), TestCaller.integrator(null),
                TestCaller.resident() }) {
            assertThatThrownBy(() -> as(caller, () -> directory.open(reference, "x")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind())
                    .isEqualTo(DomainException.Kind.FORBIDDEN));
        }

        // an inspection's hazard refers to the dwelling only
        ResidentCard dwelling = as(f.communityCaller, () -> directory.open(new ResidentReference(null, f.dwellingB),
                "incident GG-DWELLING"));
        assertThat(dwelling.residentId()).isNull();
        assertThat(dwelling.address()).matches("锦江苑\\d+ 1栋 2单元 201");

        // what other modules' rules may know without anyone's scope: where the resident lives
        assertThat(directory.place(id)).hasValueSatisfying(p -> assertThat(p.gridId()).isEqualTo(f.microA.id()));
        assertThat(directory.place(-1)).isEmpty();
    }
}
