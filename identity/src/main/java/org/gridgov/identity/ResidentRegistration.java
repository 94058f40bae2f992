package org.gridgov.identity;

import org.gridgov.shared.security.Role;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.gridgov.identity.internal.Account;
import org.gridgov.identity.internal.AccountMapper;
import org.gridgov.identity.internal.AccountRepository;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.audit.Actor;
import org.gridgov.shared.audit.AuditLog;

/**
 * Residents register themselves by phone: a six-digit code (valid 10 minutes, 5 tries, one per minute per phone,
 * stored hashed) proves the phone, then a password is set. The resident's username is the phone number.
 */
@Service
public class ResidentRegistration {

    private final JdbcTemplate jdbc;
    private final VerificationCodeSender sender;
    private final AccountRepository accounts;
    private final org.springframework.security.crypto.password.PasswordEncoder encoder;
    private final AuditLog audit;
    private final AccountMapper mapper;
    private final SecureRandom random = new SecureRandom();

    ResidentRegistration(JdbcTemplate jdbc, VerificationCodeSender sender, AccountRepository accounts,
            org.springframework.security.crypto.password.PasswordEncoder encoder, AuditLog audit,
            AccountMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.sender = sender;
        this.accounts = accounts;
        this.encoder = encoder;
        this.audit = audit;
    }

    @Transactional
    public void requestCode(String phone) {
        Long recent = jdbc.queryForObject("select count(*) from verification_code where phone = ? "
                + "and created_at > now() - interval '60 seconds'", Long.class, phone);
        if (recent != null && recent > 0) {
            throw DomainException.conflict("identity.code.too-soon", "A code was sent less than a minute ago");
        }
        String code = String.format("%06d", random.nextInt(1_000_000));
        jdbc.update("insert into verification_code (phone, code_hash, purpose, expires_at) values (?, ?, 'REGISTER', ?)",
                phone, TokenService.hash(phone + ":" + code), Timestamp.from(Instant.now().plusSeconds(600)));
        sender.send(phone, code);
    }

    @Transactional(noRollbackFor = DomainException.class)
    public AccountView register(String phone, String code, String password, String displayName) {
        List<Map<String, Object>> codes = jdbc.queryForList("""
                select id, code_hash, attempts from verification_code
                 where phone = ? and purpose = 'REGISTER' and consumed_at is null and expires_at > now()
                 order by created_at desc limit 1 for update""", phone);
        if (codes.isEmpty()) {
            throw DomainException.invalidField("identity.code.invalid", "code", "No valid code for this phone; request one");
        }
        Map<String, Object> row = codes.get(0);
        if (((Number) row.get("attempts")).intValue() >= 5) {
            throw DomainException.invalidField("identity.code.invalid", "code", "Too many tries; request a new code");
        }
        if (!java.security.MessageDigest.isEqual((byte[]) row.get("code_hash"), TokenService.hash(phone + ":" + code))) {
            jdbc.update("update verification_code set attempts = attempts + 1 where id = ?", row.get("id"));
            throw DomainException.invalidField("identity.code.invalid", "code", "Wrong code");
        }
        if (accounts.existsByUsername(phone) || accounts.existsByPhone(phone)) {
            throw DomainException.conflict("identity.phone.taken", "This phone is already registered; log in instead");
        }
        PasswordPolicy.require(password, phone, "password");
        jdbc.update("update verification_code set consumed_at = now() where id = ?", row.get("id"));
        Instant now = Instant.now();
        Account account = accounts.save(new Account(phone, displayName, phone, encoder.encode(password), Role.RESIDENT,
                null, null, null, now));
        audit.record(new Actor(phone, Role.RESIDENT.name(), null), "RESIDENT_REGISTERED", "account",
                account.getId().toString(), null, null);
        return mapper.toView(account, now);
    }
}
