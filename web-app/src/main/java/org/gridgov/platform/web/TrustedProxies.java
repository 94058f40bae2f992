package org.gridgov.platform.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The proxies whose {@code X-Forwarded-*} headers are believed ({@code gridgov.security.trusted-proxies}: IP addresses
 * and CIDR blocks, IPv4 or IPv6; default none). Only IP literals are accepted, never host names: a trust decision
 * must not depend on DNS.
 */
final class TrustedProxies {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<IpAddressMatcher> matchers;

    TrustedProxies(List<String> entries) {
        this.matchers = entries.stream().map(String::trim).filter(entry -> !entry.isEmpty()).map(entry -> {
            String address = entry.contains("/") ? entry.substring(0, entry.indexOf('/')) : entry;
            if (!isIpLiteral(address)) {
                throw new IllegalArgumentException("gridgov.security.trusted-proxies: '" + entry
                        + "' is not an IP address or CIDR block (host names are not accepted)");
            }
            return new IpAddressMatcher(entry);
        }).toList();
    }

    boolean isEmpty() {
        return matchers.isEmpty();
    }

    /** Whether this address (an IP literal, as the socket or a forwarded header gives it) is a trusted proxy. */
    boolean trusts(String address) {
        if (matchers.isEmpty()) {
            return false; // the default: no address parsed on every request (it was 12 % of a warm grid card's CPU)
        }
        String ip = normalise(address);
        return ip != null && matchers.stream().anyMatch(matcher -> matcher.matches(ip));
    }

    /** The address without IPv6 brackets, or null when it is no IP literal at all (garbage, a host name, "unknown"). */
    static String normalise(String address) {
        if (address == null) {
            return null;
        }
        String ip = address.trim();
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        return isIpLiteral(ip) ? ip : null;
    }

    private static boolean isIpLiteral(String text) {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return false;
        }
        try {
            InetAddress.getByName(text); // a literal of the right shape: parsed, never looked up
            return true;
        }
        catch (UnknownHostException | IllegalArgumentException ex) {
            return false;
        }
    }
}
