package org.gridgov.integration.webhook;

import org.gridgov.shared.security.Role;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.gridgov.grid.GridDirectory;
import org.gridgov.shared.DomainException;
import org.gridgov.shared.FieldViolation;
import org.gridgov.shared.PageResult;
import org.gridgov.shared.crypto.DataCipher;
import org.gridgov.shared.audit.AuditLog;
import org.gridgov.shared.scope.DataScope;
import org.gridgov.shared.scope.DataScopeProvider;
import org.gridgov.shared.security.Caller;
import org.gridgov.shared.security.CallerProvider;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Webhook subscriptions and their deliveries. Integrators manage their own; system administrators see and manage
 * all of them (the console). A subscription never reaches beyond its owner's data scope.
 */
@Service
public class WebhookSubscriptionService {

    /** What a signing secret is encrypted for (bound to the value: it decrypts nowhere else). */
    static final String SECRET_PURPOSE = "webhook_secret";
    private static final int MAX_NAME = 100;
    private static final int MAX_URL = 2000;
    /** Why an active subscription receives nothing while its owner is disabled; it resumes when re-enabled. */
    static final String OWNER_DISABLED_REASON = "paused while its owner (integrator client or account) is disabled";

    private final JdbcClient jdbc;
    private final CallerProvider callers;
    private final DataScopeProvider scopes;
    private final GridDirectory grids;
    private final AuditLog audit;
    private final WebhookProperties properties;
    private final Environment environment;
    private final DataCipher cipher;
    private final SecureRandom random = new SecureRandom();

    WebhookSubscriptionService(JdbcClient jdbc, CallerProvider callers, DataScopeProvider scopes, GridDirectory grids,
            AuditLog audit, WebhookProperties properties, Environment environment, DataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.callers = callers;
        this.scopes = scopes;
        this.grids = grids;
        this.audit = audit;
        this.properties = properties;
        this.environment = environment;
    }

    /** Creates a subscription; the returned view carries the signing secret, shown this once. */
    @Transactional
    public WebhookSubscriptionView create(CreateWebhookSubscriptionCommand command) {
        Caller caller = callers.current();
        List<FieldViolation> violations = new ArrayList<>();
        String name = command.name() == null ? "" : command.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            violations.add(new FieldViolation("name", "webhook.name", "A name of 1 to " + MAX_NAME + " characters"));
        }
        String urlProblem = urlProblem(command.url());
        if (urlProblem != null) {
            violations.add(new FieldViolation("url", "webhook.url", urlProblem));
        }
        Set<String> types = new LinkedHashSet<>();
        if (command.eventTypes() == null || command.eventTypes().isEmpty()) {
            violations.add(new FieldViolation("eventTypes", "webhook.event-types", "At least one event type"));
        }
        else {
            for (String type : command.eventTypes()) {
                if (WebhookEventType.ofCode(type).isEmpty()) {
                    violations.add(new FieldViolation("eventTypes", "webhook.event-type.unknown",
                            "Unknown event type '" + type + "'; known: " + Arrays.stream(WebhookEventType.values())
                                .map(WebhookEventType::code).toList()));
                }
                types.add(type);
            }
        }
        DataScope scope = scopes.current();
        Long subtreeNodeId = command.subtreeNodeId();
        String subtreePath = null;
        if (subtreeNodeId != null) {
            subtreePath = grids.byId(subtreeNodeId).map(grid -> grids.pathOf(grid.id())).orElse(null);
            if (subtreePath == null || !scope.covers(subtreePath)) {
                violations.add(new FieldViolation("subtreeNodeId", "webhook.subtree",
                        "No grid " + subtreeNodeId + " in your scope"));
            }
        }
        else if (scope.kind() == DataScope.Kind.SUBTREE) {
            subtreeNodeId = scope.nodeId();
            subtreePath = scope.path();
        }
        else if (scope.kind() == DataScope.Kind.NONE) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "webhook.no-scope",
                    "Your account sees no grid data, so it can receive no events");
        }
        if (!violations.isEmpty()) {
            throw new DomainException(DomainException.Kind.INVALID, "webhook.invalid", "The subscription is invalid",
                    violations);
        }
        String secret = "whsec_" + token(24);
        long id = jdbc.sql("""
                insert into webhook_subscription (owner, name, url, secret_enc, event_types, subtree_node_id,
                    subtree_path)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
            .params(caller.username(), name, command.url().strip(), cipher.encrypt(secret, SECRET_PURPOSE),
                    types.toArray(String[]::new),
                    subtreeNodeId, subtreePath)
            .query(Long.class).single();
        audit.record("WEBHOOK_SUBSCRIBED", "webhook_subscription", String.valueOf(id), subtreePath,
                command.url().strip() + " " + types);
        return get(id).withSecret(secret);
    }

    public List<WebhookSubscriptionView> list() {
        Caller caller = callers.current();
        boolean all = caller.hasRole(Role.SYSTEM_ADMIN);
        return jdbc.sql(SELECT + " where state <> 'DELETED' and (? or owner = ?) order by id")
            .params(all, caller.username())
            .query(WebhookSubscriptionService::view).list();
    }

    /** @throws DomainException 404 when unknown or someone else's */
    public WebhookSubscriptionView get(long id) {
        Caller caller = callers.current();
        return jdbc.sql(SELECT + " where id = ? and state <> 'DELETED' and (? or owner = ?)")
            .params(id, caller.hasRole(Role.SYSTEM_ADMIN), caller.username())
            .query(WebhookSubscriptionService::view).optional()
            .orElseThrow(() -> DomainException.notFound("webhook.not-found", "No webhook subscription " + id));
    }

    /** Stops deliveries for good; pending ones are dropped with it. */
    @Transactional
    public void delete(long id) {
        get(id);
        jdbc.sql("update webhook_subscription set state = 'DELETED' where id = ?").param(id).update();
        jdbc.sql("update webhook_delivery set state = 'FAILED', last_error = 'subscription deleted' "
                + "where subscription_id = ? and state = 'PENDING'").param(id).update();
        audit.record("WEBHOOK_DELETED", "webhook_subscription", String.valueOf(id), null, null);
    }

    /** Resumes a paused subscription: its backlog is delivered from the oldest event on. */
    @Transactional
    public WebhookSubscriptionView resume(long id) {
        get(id);
        jdbc.sql("""
                update webhook_subscription set state = 'ACTIVE', consecutive_failures = 0, paused_reason = null,
                       paused_at = null where id = ? and state = 'PAUSED'""").param(id).update();
        jdbc.sql("update webhook_delivery set next_attempt_at = now() where subscription_id = ? and state = 'PENDING'")
            .param(id).update();
        audit.record("WEBHOOK_RESUMED", "webhook_subscription", String.valueOf(id), null, null);
        return get(id);
    }

    public PageResult<WebhookDeliveryView> deliveries(long subscriptionId, String state, int page, int size) {
        get(subscriptionId);
        if (state != null && !Set.of("PENDING", "DELIVERED", "FAILED").contains(state)) {
            throw DomainException.invalidField("webhook.delivery.state", "state",
                    "state is one of PENDING, DELIVERED, FAILED");
        }
        List<WebhookDeliveryView> rows = jdbc.sql(DELIVERY_SELECT
                + " where d.subscription_id = ? and (cast(? as text) is null or d.state = ?) order by d.id desc "
                + "limit ? offset ?")
            .params(subscriptionId, state, state, size, (long) page * size)
            .query(WebhookSubscriptionService::delivery).list();
        long total = jdbc.sql("select count(*) from webhook_delivery where subscription_id = ? "
                + "and (cast(? as text) is null or state = ?)")
            .params(subscriptionId, state, state).query(Long.class).single();
        return PageResult.of(rows, page, size, total);
    }

    /** Sends a delivery again (a failed one, or a delivered one the receiver lost): it goes back in the queue. */
    @Transactional
    public WebhookDeliveryView resend(long deliveryId) {
        WebhookDeliveryView delivery = delivery(deliveryId);
        get(delivery.subscriptionId());
        jdbc.sql("""
                update webhook_delivery set state = 'PENDING', next_attempt_at = now(), delivered_at = null,
                       created_at = now() where id = ?""").param(deliveryId).update();
        audit.record("WEBHOOK_RESENT", "webhook_delivery", String.valueOf(deliveryId), null, null);
        return delivery(deliveryId);
    }

    public WebhookDeliveryView delivery(long deliveryId) {
        WebhookDeliveryView found = jdbc.sql(DELIVERY_SELECT + " where d.id = ?").param(deliveryId)
            .query(WebhookSubscriptionService::delivery).optional()
            .orElseThrow(() -> DomainException.notFound("webhook.delivery.not-found", "No delivery " + deliveryId));
        get(found.subscriptionId());
        return found;
    }

    /** Why this URL may not receive webhooks, or null when it may. */
    String urlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "A URL is required";
        }
        if (url.length() > MAX_URL) {
            return "At most " + MAX_URL + " characters";
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        }
        catch (java.net.URISyntaxException ex) {
            return "Not a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "Only http and https URLs receive webhooks";
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return "A URL with a host and without user information is required";
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        }
        catch (UnknownHostException ex) {
            return "The host " + uri.getHost() + " does not resolve";
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        for (InetAddress address : addresses) {
            if (isThisMachine(address) && isOwnPort(port)) {
                return "The URL points at the platform itself";
            }
            String refusal = WebhookTargetPolicy.refusal(address);
            if (refusal != null && !properties.allowPrivateAddresses()) {
                return "The URL points into a private network or a special range: " + address.getHostAddress()
                        + " is in " + refusal;
            }
        }
        return null;
    }

    private boolean isOwnPort(int port) {
        String local = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return String.valueOf(port).equals(local);
    }

    private static boolean isThisMachine(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        }
        catch (SocketException ex) {
            return false;
        }
    }

    private String token(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** An active subscription of a disabled owner shows as PAUSED, with why: it receives nothing (the dispatcher). */
    private static final String SELECT = """
            select id, owner, name, url, event_types, subtree_node_id,
                   case when s.state = 'ACTIVE' and %1$s then 'PAUSED' else s.state end as state,
                   consecutive_failures,
                   case when s.state = 'ACTIVE' and %1$s then '%2$s' else paused_reason end as paused_reason,
                   paused_at, created_at from webhook_subscription s""".formatted(WebhookDispatcher.OWNER_DISABLED,
            OWNER_DISABLED_REASON);

    private static final String DELIVERY_SELECT = """
            select d.id, d.subscription_id, e.event_id, e.type, d.aggregate_key, d.state, d.attempts,
                   d.next_attempt_at, d.last_attempt_at, d.last_status, d.last_error, d.delivered_at, d.created_at
              from webhook_delivery d join outbox_event e on e.id = d.outbox_event_id""";

    private static WebhookSubscriptionView view(ResultSet rs, int row) throws SQLException {
        Array types = rs.getArray("event_types");
        long subtree = rs.getLong("subtree_node_id");
        Long subtreeNodeId = rs.wasNull() ? null : subtree;
        return new WebhookSubscriptionView(rs.getLong("id"), rs.getString("owner"), rs.getString("name"),
                rs.getString("url"), List.of((String[]) types.getArray()), subtreeNodeId, rs.getString("state"),
                rs.getInt("consecutive_failures"), rs.getString("paused_reason"), instant(rs, "paused_at"),
                instant(rs, "created_at"), null);
    }

    private static WebhookDeliveryView delivery(ResultSet rs, int row) throws SQLException {
        int status = rs.getInt("last_status");
        Integer lastStatus = rs.wasNull() ? null : status;
        return new WebhookDeliveryView(rs.getLong("id"), rs.getLong("subscription_id"),
                rs.getObject("event_id", java.util.UUID.class), rs.getString("type"), rs.getString("aggregate_key"),
                rs.getString("state"), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
                instant(rs, "last_attempt_at"), lastStatus, rs.getString("last_error"), instant(rs, "delivered_at"),
                instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
