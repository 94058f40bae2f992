package org.gridgov.integration.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 16 #11: every internal, special or embedded-internal address is refused; public unicast ones are not. */
class WebhookTargetPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "100.64.0.1", "100.100.100.200", "100.127.255.255", "169.254.169.254", "0.0.0.0", "0.1.2.3",
            "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1", "192.0.0.8", "198.18.0.1", "192.0.2.1",
            "::", "::1", "fe80::1", "fd00::1", "fc00::5", "fdff:ffff::1", "fec0::1", "ff02::1",
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe",
            "64:ff9b::6464:64c8", "64:ff9b:1::1", "2002:7f00:1::", "2002:c0a8:101::1", "2002:a00:1::", "2001:0:1::1",
            "2001:db8::1", "100::1" })
    void refuses_internal_special_and_embedded_internal_addresses(String address) throws UnknownHostException {
        assertThat(WebhookTargetPolicy.refusal(InetAddress.getByName(address))).as(address).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "93.184.216.34", "8.8.8.8", "100.63.255.255", "100.128.0.1", "172.15.255.255",
            "172.32.0.1", "169.255.0.1", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e",
            "64:ff9b::5db8:d822", "2002:5db8:d822::1", "::ffff:8.8.8.8" })
    void accepts_public_unicast_addresses(String address) throws UnknownHostException {
        assertThat(WebhookTargetPolicy.refusal(InetAddress.getByName(address))).as(address).isNull();
    }
}
