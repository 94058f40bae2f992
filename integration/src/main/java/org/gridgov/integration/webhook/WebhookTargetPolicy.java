package org.gridgov.integration.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses a webhook may be sent to: public unicast ones only (docs/SECURITY.md, "Webhook targets"). Checked on
 * every address a host resolves to, when a subscription is created and again at each delivery, on the very address
 * the connection then goes to — so a name that later resolves somewhere internal (DNS rebinding) is refused too.
 * <p>
 * IPv6 forms that carry an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64 {@code 64:ff9b::/96}, 6to4
 * {@code 2002::/16}) are judged by the IPv4 address they carry; Teredo and local-use NAT64 are refused outright, as
 * their embedded address cannot be judged reliably.
 */
final class WebhookTargetPolicy {

    private WebhookTargetPolicy() {
    }

    /** Why this address may not receive webhooks (a short reason naming the range), or null when it may. */
    static String refusal(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return refusalV4(b);
        }
        if (address instanceof Inet6Address) {
            return refusalV6(b);
        }
        return "not an IP address";
    }

    private static String refusalV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0) {
            return "0.0.0.0/8 (this network)";
        }
        if (a0 == 10) {
            return "10.0.0.0/8 (private, RFC 1918)";
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return "100.64.0.0/10 (carrier-grade NAT, RFC 6598; cloud metadata lives here)";
        }
        if (a0 == 127) {
            return "127.0.0.0/8 (loopback)";
        }
        if (a0 == 169 && a1 == 254) {
            return "169.254.0.0/16 (link-local; cloud metadata lives here)";
        }
        if (a0 == 172 && (a1 & 0xf0) == 16) {
            return "172.16.0.0/12 (private, RFC 1918)";
        }
        if (a0 == 192 && a1 == 0 && a2 == 0) {
            return "192.0.0.0/24 (IETF protocol assignments)";
        }
        if (a0 == 192 && a1 == 0 && a2 == 2 || a0 == 198 && a1 == 51 && a2 == 100 || a0 == 203 && a1 == 0 && a2 == 113) {
            return "documentation range (RFC 5737)";
        }
        if (a0 == 192 && a1 == 168) {
            return "192.168.0.0/16 (private, RFC 1918)";
        }
        if (a0 == 198 && (a1 & 0xfe) == 18) {
            return "198.18.0.0/15 (benchmarking)";
        }
        if (a0 >= 224 && a0 <= 239) {
            return "224.0.0.0/4 (multicast)";
        }
        if (a0 >= 240) {
            return "240.0.0.0/4 (reserved, incl. broadcast 255.255.255.255)";
        }
        return null;
    }

    private static String refusalV6(byte[] b) {
        int w0 = word(b, 0);
        int w1 = word(b, 2);
        if (allZero(b, 0, 10)) {
            if (word(b, 10) == 0xffff) {
                return embedded("IPv4-mapped", b, 12);
            }
            if (word(b, 10) == 0) {
                if (allZero(b, 12, 16)) {
                    return ":: (unspecified)";
                }
                if (allZero(b, 12, 15) && b[15] == 1) {
                    return "::1 (loopback)";
                }
                return embedded("IPv4-compatible", b, 12);
            }
        }
        if (w0 == 0x0064 && w1 == 0xff9b) {
            if (allZero(b, 4, 12)) {
                return embedded("NAT64 64:ff9b::/96", b, 12);
            }
            if (word(b, 4) == 0x0001) {
                return "64:ff9b:1::/48 (local-use NAT64)";
            }
        }
        if (w0 == 0x2002) {
            return embedded("6to4 2002::/16", b, 2);
        }
        if (w0 == 0x2001 && w1 == 0x0000) {
            return "2001::/32 (Teredo: its IPv4 address cannot be judged)";
        }
        if (w0 == 0x2001 && w1 == 0x0db8) {
            return "2001:db8::/32 (documentation)";
        }
        if (w0 == 0x0100 && allZero(b, 2, 8)) {
            return "100::/64 (discard-only)";
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return "fc00::/7 (unique local)";
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
            return "fe80::/10 (link-local)";
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return "fec0::/10 (site-local)";
        }
        if ((b[0] & 0xff) == 0xff) {
            return "ff00::/8 (multicast)";
        }
        return null;
    }

    /** An IPv6 form carrying an IPv4 address is refused when the IPv4 address would be. */
    private static String embedded(String form, byte[] b, int from) {
        String v4 = refusalV4(new byte[] { b[from], b[from + 1], b[from + 2], b[from + 3] });
        return v4 == null ? null : form + " of " + v4;
    }

    private static int word(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | b[i + 1] & 0xff;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
