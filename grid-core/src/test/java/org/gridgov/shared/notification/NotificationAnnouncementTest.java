package org.gridgov.shared.notification;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a written notification is announced with across the nodes (PostgreSQL NOTIFY payload): ids only, read back
 * to the same recipient; and the recipients a stream is found by are exactly those that reach its caller.
 */
class NotificationAnnouncementTest {

    @Test
    void an_announcement_carries_the_id_and_the_recipient_in_a_few_bytes_and_reads_back() {
        for (Recipient recipient : List.of(Recipient.account(42), Recipient.roleAt(Role.GRID_WORKER, 7_000_123L),
                Recipient.department(9))) {
            String payload = NotificationStreams.announcement(Long.MAX_VALUE, recipient);
            assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThan(100);
            assertThat(NotificationStreams.readAnnouncement(payload))
                .contains(new NotificationStreams.Announced(Long.MAX_VALUE, recipient));
        }
    }

    @Test
    void a_garbled_or_foreign_payload_is_not_an_announcement() {
        for (String payload : List.of("", "12", "12:X:3", "x:A:3", "12:R:NO_SUCH_ROLE:4", "12:R:GRID_WORKER")) {
            assertThat(NotificationStreams.readAnnouncement(payload)).as(payload).isEmpty();
        }
    }

    @Test
    void the_recipients_a_stream_is_found_by_are_those_that_reach_its_caller() {
        Caller worker = new Caller(5L, "w", Role.GRID_WORKER, 77L, null, null);
        Caller staff = new Caller(6L, "s", Role.DEPARTMENT_STAFF, null, 3L, null);
        Caller integrator = new Caller(null, "client", Role.SYSTEM_ADMIN, null, null, null);
        assertThat(Recipient.reaching(worker)).containsExactly(Recipient.account(5),
                Recipient.roleAt(Role.GRID_WORKER, 77));
        assertThat(Recipient.reaching(staff)).containsExactly(Recipient.account(6), Recipient.department(3));
        assertThat(Recipient.reaching(integrator)).isEmpty();
        for (Caller caller : List.of(worker, staff, integrator)) {
            Recipient.reaching(caller).forEach(r -> assertThat(r.reaches(caller)).isTrue());
            for (Recipient other : List.of(Recipient.account(7), Recipient.roleAt(Role.GRID_WORKER, 78),
                    Recipient.roleAt(Role.COMMUNITY_WORKER, 77), Recipient.department(4))) {
                assertThat(other.reaches(caller)).isFalse();
            }
        }
    }
}
