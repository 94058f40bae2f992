package org.gridgov.identity;

import org.gridgov.shared.security.Role;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.gridgov.identity.internal.Account;
import org.gridgov.identity.internal.AccountRepository;
import org.gridgov.shared.startup.StartupTask;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * The first system administrator, created from configuration on a platform that has none. Later starts leave
 * accounts alone: the password is changed in the console, not in configuration.
 */
@Component
@Order(0)
class BootstrapAdmin implements StartupTask {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final AccountRepository accounts;
    private final BootstrapAdminProperties properties;
    private final PasswordEncoder encoder;

    BootstrapAdmin(AccountRepository accounts, BootstrapAdminProperties properties, PasswordEncoder encoder) {
        this.accounts = accounts;
        this.properties = properties;
        this.encoder = encoder;
    }

    @Override
    public String startupTaskName() {
        return "first administrator";
    }

    @Override
    @Transactional
    public void runAtStartup() {
        if (accounts.existsByRole(Role.SYSTEM_ADMIN)) {
            return;
        }
        String password = properties.password();
        if (!StringUtils.hasText(password)) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            log.warn("No GRIDGOV_ADMIN_PASSWORD set: created '{}' with the generated password {} — change it after "
                    + "the first login", properties.username(), password);
        }
        accounts.save(new Account(properties.username(), "系统管理员", null, encoder.encode(password),
                Role.SYSTEM_ADMIN, null, null, null, Clock.systemUTC().instant()));
        log.info("Created the first system administrator '{}'", properties.username());
    }
}
