package org.gridgov.integration.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves a webhook host and applies the {@link WebhookTargetPolicy} to every address it resolves to. As the
 * delivery client's {@link DnsResolver} it is the only resolution a delivery makes: the connection goes to the
 * addresses checked here, never to a second answer of the name server (DNS rebinding).
 * {@code gridgov.webhooks.allow-private-addresses} (tests only; off by default) lets every address through.
 */
final class WebhookTargets implements DnsResolver {

    /** A host that resolves to an address webhooks may not go to. */
    static final class RefusedTargetException extends UnknownHostException {

        RefusedTargetException(String message) {
            super(message);
        }
    }

    private final boolean allowPrivateAddresses;

    WebhookTargets(boolean allowPrivateAddresses) {
        this.allowPrivateAddresses = allowPrivateAddresses;
    }

    /**
     * @throws RefusedTargetException when any address of the host is refused (a name mixing public and internal
     *         addresses is refused as a whole: the client could pick either)
     */
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        if (!allowPrivateAddresses) {
            for (InetAddress address : addresses) {
                String refusal = WebhookTargetPolicy.refusal(address);
                if (refusal != null) {
                    throw new RefusedTargetException(host + " resolves to " + address.getHostAddress()
                            + ", in " + refusal);
                }
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
