package org.gridgov.platform.contract;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.client.ApiClient;
import org.gridgov.client.ApiResponse;
import org.gridgov.client.api.AuthenticationApi;
import org.gridgov.client.api.IncidentsApi;
import org.gridgov.client.api.IntegratorClientsApi;
import org.gridgov.client.api.WebhooksApi;
import org.gridgov.client.model.ClientLogin;
import org.gridgov.client.model.CreateClientRequest;
import org.gridgov.client.model.CreateWebhookSubscriptionCommand;
import org.gridgov.client.model.IncidentView;
import org.gridgov.client.model.IntegratorClientView;
import org.gridgov.client.model.NoteRequest;
import org.gridgov.client.model.PasswordLogin;
import org.gridgov.client.model.RateRequest;
import org.gridgov.client.model.ReportRequest;
import org.gridgov.client.model.ReportResult;
import org.gridgov.integration.testing.WebhookReceiver;
import org.gridgov.testsupport.AccountFixture;
import org.gridgov.testsupport.GridTreeFixture;
import org.gridgov.testsupport.HttpTestClient;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Java client openapi-generator builds from docs/openapi.json (in this module's test build) drives the real
 * platform as an integrator would, with nothing hand-written around it but the bearer header: client credentials →
 * webhook subscription → report → a grid worker's moves with If-Match from the answered ETag → the hotline's rating →
 * closed, and the signed webhooks arrive. A resident reports through the same client. If the spec lied about a status,
 * a header, a null or a name, this fails.
 */
@PlatformTest
class GeneratedClientFlowIT {

    @LocalServerPort
    int port;

    @Test
    void an_integrator_follows_a_report_to_closed_through_the_generated_client() throws Exception {
        HttpTestClient adminHttp = ApiLogin.admin(port);
        GridTreeFixture.TestTree tree = new GridTreeFixture(adminHttp).tree();
        AccountFixture accounts = new AccountFixture(port, adminHttp);
        String worker = accounts.account("GRID_WORKER", ",\"scopeNodeId\":" + tree.micro().id());
        String resident = accounts.account("RESIDENT", "");

        ApiClient admin = as(new AuthenticationApi(client(null)).postAuthToken(new PasswordLogin().username(PlatformTest.ADMIN)
            .password(PlatformTest.ADMIN_PASSWORD)).getAccessToken());
        IntegratorClientView created = new IntegratorClientsApi(admin)
            .createClient(new CreateClientRequest().name("12345 热线").scopeNodeId(tree.street().id()));
        assertThat(created.getClientSecret()).as("the one-time secret").isNotBlank();

        ApiClient hotline = as(new AuthenticationApi(client(null))
            .clientToken(new ClientLogin().clientId(created.getClientId()).clientSecret(created.getClientSecret()))
            .getAccessToken());

        try (WebhookReceiver receiver = new WebhookReceiver()) {
            var subscription = new WebhooksApi(hotline).postWebhookSubscriptions(new CreateWebhookSubscriptionCommand()
                .name("12345 sync").url(receiver.url())
                .eventTypes(List.of("incident.created", "incident.state_changed", "incident.closed")));
            assertThat(subscription.getSecret()).isNotBlank();
            receiver.secret(subscription.getSecret());

            IncidentsApi hotlineIncidents = new IncidentsApi(hotline);
            ApiResponse<ReportResult> reported = hotlineIncidents.reportWithHttpInfo(
                    "12345-" + UUID.randomUUID(), new ReportRequest().category("ENVIRONMENT")
                        .source(ReportRequest.SourceEnum.EXTERNAL).description("12345 热线转办：垃圾堆积")
                        .lat(tree.lat()).lng(tree.lng()));
            assertThat(reported.getStatusCode()).isEqualTo(201);
            IncidentView incident = reported.getData().getIncident();
            assertThat(incident.getTrackingCode()).isNotBlank();
            assertThat(incident.getClosedAt()).as("an open incident has no closing time").isNull();
            long id = incident.getId();

            IncidentsApi workerIncidents = new IncidentsApi(as(new AuthenticationApi(client(null))
                .postAuthToken(new PasswordLogin().username(worker).password(AccountFixture.PASSWORD)).getAccessToken()));
            String etag = etag(workerIncidents.getIncidentsByIdWithHttpInfo(id));
            ApiResponse<IncidentView> accepted = workerIncidents.acceptWithHttpInfo(id, etag,
                    new NoteRequest().note("已受理"));
            ApiResponse<IncidentView> resolved = workerIncidents.resolveWithHttpInfo(id, etag(accepted),
                    new NoteRequest().note("垃圾已清运"));
            assertThat(resolved.getData().getState()).hasToString("RESOLVED");
            assertThat(etag(resolved)).as("the answered ETag is the stored version")
                .isEqualTo(etag(workerIncidents.getIncidentsByIdWithHttpInfo(id)));

            IncidentView closed = hotlineIncidents.rate(id, new RateRequest().rating(5).comment("市民回访：满意"));
            assertThat(closed.getState()).hasToString("CLOSED");
            assertThat(closed.getClosedAt()).isNotNull();
            assertThat(hotlineIncidents.byTrackingCode(incident.getTrackingCode()).getState())
                .hasToString("CLOSED");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(receiver.received())
                .anySatisfy(event -> {
                    assertThat(event.type()).isEqualTo("incident.closed");
                    assertThat(event.signatureValid()).isTrue();
                    assertThat(event.body()).contains(incident.getTrackingCode());
                }));
        }

        ApiClient residentClient = as(new AuthenticationApi(client(null))
            .postAuthToken(new PasswordLogin().username(resident).password(AccountFixture.PASSWORD)).getAccessToken());
        ReportResult own = new IncidentsApi(residentClient).report(UUID.randomUUID().toString(),
                new ReportRequest().category("NOISE").description("楼上装修噪音").lat(tree.lat()).lng(tree.lng()));
        assertThat(own.getIncident().getTrackingCode()).isNotBlank();
        assertThat(own.getIncident().getState()).hasToString("SUBMITTED");
    }

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    private ApiClient as(String token) {
        return client(token);
    }

    private static String etag(ApiResponse<?> response) {
        return response.getHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("ETag"))
            .map(e -> e.getValue().get(0)).findFirst().orElseThrow();
    }
}
