package org.gridgov.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Where residents' phones reach the platform. The QR code on a printed grid card carries
 * {@code <publicBaseUrl>/api/v1/public/grid-cards/<code>}: it must be the address a phone's camera can open from
 * the street (the platform's public host name), not the address an administrator happens to use on the office
 * network. Empty: the address of the request that printed the card (behind a proxy, from its forwarded headers).
 *
 * @param publicBaseUrl e.g. {@code https://grid.chengdu.example.cn}; empty for the request's own address
 */
@ConfigurationProperties("gridgov.cards")
public record GridCardProperties(String publicBaseUrl) {

    public boolean hasPublicBaseUrl() {
        return StringUtils.hasText(publicBaseUrl);
    }
}
