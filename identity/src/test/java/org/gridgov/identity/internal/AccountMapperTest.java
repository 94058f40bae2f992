package org.gridgov.identity.internal;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.gridgov.identity.AccountView;
import org.gridgov.shared.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

class AccountMapperTest {

    final AccountMapper mapper = new AccountMapperImpl();
    final Instant now = Instant.parse("2026-12-04T08:00:00Z");

    @Test
    void shows_a_masked_phone_and_the_binding_never_the_password() {
        Account account = new Account("wang.jianguo", "王建国", "13812345678", "{bcrypt}hash", Role.GRID_WORKER, 7L,
                null, null, now);

        AccountView view = mapper.toView(account, now);

        assertThat(view.phone()).isEqualTo("138****5678");
        assertThat(view.username()).isEqualTo("wang.jianguo");
        assertThat(view.displayName()).isEqualTo("王建国");
        assertThat(view.role()).isEqualTo(Role.GRID_WORKER);
        assertThat(view.scopeNodeId()).isEqualTo(7L);
        assertThat(view.status()).isEqualTo("ACTIVE");
        assertThat(view.createdAt()).isEqualTo(now);
        assertThat(view.toString()).doesNotContain("hash");
    }

    @Test
    void tells_whether_the_account_is_locked_at_the_moment_given() {
        Account account = new Account("li", "李秀英", null, "{bcrypt}hash", Role.RESIDENT, null, null, null, now);
        account.lock(now.plusSeconds(60));

        assertThat(mapper.toView(account, now).locked()).isTrue();
        assertThat(mapper.toView(account, now).lockedUntil()).isEqualTo(now.plusSeconds(60));
        assertThat(mapper.toView(account, now.plusSeconds(61)).locked()).isFalse();
        assertThat(mapper.toView(account, now).phone()).isNull();
    }
}
