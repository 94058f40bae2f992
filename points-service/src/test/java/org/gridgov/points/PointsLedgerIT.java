package org.gridgov.points;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.gridgov.shared.DomainException;
import org.gridgov.testsupport.Unique;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ledger itself: balanced, never negative, exactly once, correct under concurrency. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PointsLedgerIT {

    @Autowired
    PointsLedger ledger;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    long person(long points) {
        long id = tx.execute(s -> ledger.personAccount(1_000_000_000L + Unique.next(), "ledger-test"));
        if (points > 0) {
            tx.execute(s -> ledger.post(Transfer.of(EntryType.EARN, UUID.randomUUID().toString(), null, "test",
                    ledger.issuanceAccount(), id, points)));
        }
        return id;
    }

    long merchant() {
        return tx.execute(s -> ledger.merchantAccount(1_000_000_000L + Unique.next()));
    }

    PostedEntry spend(long from, long to, long amount) {
        return tx.execute(s -> ledger.post(Transfer.of(EntryType.REDEEM, UUID.randomUUID().toString(), null, "test",
                from, to, amount)));
    }

    @Test
    void a_hundred_parallel_spends_never_overdraw_one_account() throws Exception {
        long alice = person(500);
        long shop = merchant();
        AtomicInteger refused = new AtomicInteger();
        List<Callable<Boolean>> spends = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            spends.add(() -> {
                try {
                    spend(alice, shop, 7);
                    return true;
                }
                catch (DomainException e) {
                    assertThat(e.code()).isEqualTo("points.insufficient-balance");
                    refused.incrementAndGet();
                    return false;
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        long succeeded = 0;
        for (Future<Boolean> f : pool.invokeAll(spends)) {
            succeeded += f.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(succeeded).isEqualTo(500 / 7);
        assertThat(refused.get()).isEqualTo(100 - 500 / 7);
        assertThat(ledger.balance(alice).balance()).isEqualTo(500 % 7);
        assertThat(ledger.balance(shop).balance()).isEqualTo(500 / 7 * 7);
        LedgerInvariants.hold(jdbc);
    }

    @Test
    void transfers_in_opposite_directions_between_the_same_accounts_never_fail_to_the_user() throws Exception {
        long a = person(10_000);
        long b = person(10_000);
        List<Callable<PostedEntry>> transfers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            boolean forward = i % 2 == 0;
            transfers.add(() -> tx.execute(s -> ledger.post(Transfer.of(EntryType.ADJUST, UUID.randomUUID().toString(),
                    null, "test", forward ? a : b, forward ? b : a, 3))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        for (Future<PostedEntry> f : pool.invokeAll(transfers)) {
            assertThat(f.get().replayed()).isFalse(); // get() throws if any failed (a deadlock would)
        }
        pool.shutdown();

        assertThat(ledger.balance(a).balance()).isEqualTo(10_000);
        assertThat(ledger.balance(b).balance()).isEqualTo(10_000);
    }

    @Test
    void the_same_idempotency_key_or_source_posts_once() {
        long alice = person(0);
        String key = UUID.randomUUID().toString();
        String source = "service-record:test-" + Unique.next();
        long issuance = tx.execute(s -> ledger.issuanceAccount());
        PostedEntry first = tx.execute(s -> ledger.post(Transfer.of(EntryType.EARN, key, source, "t", issuance, alice, 10)));
        PostedEntry sameKey = tx.execute(s -> ledger.post(Transfer.of(EntryType.EARN, key, source, "t", issuance, alice, 10)));
        PostedEntry sameSource = tx.execute(s -> ledger.post(Transfer.of(EntryType.EARN, UUID.randomUUID().toString(),
                source, "t", issuance, alice, 10)));

        assertThat(sameKey).isEqualTo(new PostedEntry(first.entryId(), true));
        assertThat(sameSource).isEqualTo(new PostedEntry(first.entryId(), true));
        assertThat(ledger.balance(alice).balance()).isEqualTo(10);
    }

    @Test
    void bad_transfers_are_refused_and_post_nothing() {
        long alice = person(5);
        long shop = merchant();
        long entries = jdbc.queryForObject("select count(*) from journal_entry", Long.class);

        assertThatThrownBy(() -> spend(alice, shop, 0)).isInstanceOf(DomainException.class)
            .hasFieldOrPropertyWithValue("code", "points.amount-not-positive");
        assertThatThrownBy(() -> spend(alice, shop, 6)).isInstanceOf(DomainException.class)
            .hasFieldOrPropertyWithValue("code", "points.insufficient-balance");
        assertThatThrownBy(() -> tx.execute(s -> ledger.post(new Transfer(EntryType.ADJUST, UUID.randomUUID().toString(),
                null, null, "t", null, null, List.of(new Leg(alice, -5), new Leg(shop, 4))))))
            .isInstanceOf(DomainException.class).hasFieldOrPropertyWithValue("code", "points.transfer.unbalanced");

        assertThat(jdbc.queryForObject("select count(*) from journal_entry", Long.class)).isEqualTo(entries);
        assertThat(ledger.balance(alice).balance()).isEqualTo(5);
    }

    @Test
    void the_database_itself_refuses_negative_balances_unbalanced_entries_and_edits() {
        long alice = person(5);
        long shop = merchant();
        PostedEntry entry = spend(alice, shop, 2);

        assertThatThrownBy(() -> jdbc.update("update ledger_account set balance = -1 where id = ?", alice))
            .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> tx.execute(s -> {
            long e = jdbc.queryForObject("insert into journal_entry (type, idempotency_key, actor) values "
                    + "('ADJUST', ?, 't') returning id", Long.class, UUID.randomUUID().toString());
            return jdbc.update("insert into posting (entry_id, account_id, amount, balance_after) values (?, ?, 1, 0)",
                    e, shop);
        })).rootCause().hasMessageContaining("does not balance");
        assertThatThrownBy(() -> jdbc.update("update posting set amount = 100 where entry_id = ?", entry.entryId()))
            .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from journal_entry where id = ?", entry.entryId()))
            .rootCause().hasMessageContaining("append-only");
    }

    @Test
    void a_hold_is_posted_or_voided_exactly_once() throws Exception {
        long alice = person(100);
        long shop = merchant();
        Instant later = Instant.now().plusSeconds(3600);
        long hold = tx.execute(s -> ledger.hold(alice, 60, "test-hold:" + Unique.next(), later));

        assertThat(ledger.balance(alice).available()).isEqualTo(40);
        assertThatThrownBy(() -> spend(alice, shop, 41)).hasFieldOrPropertyWithValue("code",
                "points.insufficient-balance");

        List<Callable<String>> racers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            boolean post = i % 2 == 0;
            racers.add(() -> {
                try {
                    return tx.execute(s -> post
                            ? ledger.postHold(hold, shop, EntryType.REDEEM, "hold-" + hold, "hold-" + hold, "t") != null
                                    ? "posted" : "?"
                            : ledger.voidHold(hold) ? "voided" : "late");
                }
                catch (DomainException e) {
                    return "late";
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : pool.invokeAll(racers)) {
            outcomes.add(f.get());
        }
        pool.shutdown();

        assertThat(outcomes.stream().filter(o -> !o.equals("late"))).hasSize(1);
        Balance after = ledger.balance(alice);
        assertThat(after.held()).isZero();
        assertThat(after.balance()).isEqualTo(outcomes.contains("posted") ? 40 : 100);
        LedgerInvariants.hold(jdbc);
    }

    @Test
    void a_correction_is_a_new_reversing_entry() {
        long alice = person(50);
        long shop = merchant();
        PostedEntry spent = spend(alice, shop, 20);

        PostedEntry reversal = tx.execute(s -> ledger.reverse(spent.entryId(), "auditor", "charged by mistake"));
        PostedEntry again = tx.execute(s -> ledger.reverse(spent.entryId(), "auditor", "double click"));

        assertThat(again.replayed()).isTrue();
        assertThat(ledger.balance(alice).balance()).isEqualTo(50);
        assertThat(jdbc.queryForObject("select type from journal_entry where id = ?", String.class, reversal.entryId()))
            .isEqualTo("ADJUST");
    }

    @Autowired
    PointsExpiry expiry;

    @Test
    void points_past_their_validity_expire_as_an_entry_once_leaving_held_points_alone() {
        long alice = person(100);
        long shop = merchant();
        spend(alice, shop, 30);
        tx.execute(s -> ledger.hold(alice, 20, "test-hold:" + Unique.next(), Instant.now().plusSeconds(3600)));
        java.time.LocalDate cutoff = java.time.LocalDate.now().plusDays(2);

        assertThat(expiry.expireAccount(java.time.LocalDate.now().minusYears(1), alice)).isZero();
        assertThat(expiry.expireAccount(cutoff, alice)).isEqualTo(50);
        assertThat(expiry.expireAccount(cutoff, alice)).isZero();

        Balance after = ledger.balance(alice);
        assertThat(after.balance()).isEqualTo(20);
        assertThat(after.held()).isEqualTo(20);
        assertThat(jdbc.queryForObject("select count(*) from journal_entry e join posting p on p.entry_id = e.id "
                + "where e.type = 'EXPIRE' and p.account_id = ?", Long.class, alice)).isOne();
        assertThat(PointsExpiry.cutoff(java.time.LocalDate.of(2027, 3, 1), 2)).isEqualTo(java.time.LocalDate.of(2026, 1, 1));
    }
}
