package org.gridgov.identity.internal;

import java.time.Instant;

import org.mapstruct.Context;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.Named;

import org.gridgov.identity.AccountView;
import org.gridgov.shared.mapping.MappingConfig;

/** An account as managers see it: the phone masked, the lock-out state as of a moment. */
@Mapper(config = MappingConfig.class)
public interface AccountMapper {

    @Mapping(target = "phone", qualifiedByName = "maskedPhone")
    @Mapping(target = "locked", source = "account", qualifiedByName = "lockedAt")
    AccountView toView(Account account, @Context Instant now);

    @Named("maskedPhone")
    default String maskedPhone(String phone) {
        return AccountView.maskPhone(phone);
    }

    @Named("lockedAt")
    default boolean lockedAt(Account account, @Context Instant now) {
        return account.lockedAt(now);
    }
}
