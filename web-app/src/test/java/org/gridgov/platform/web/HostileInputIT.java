package org.gridgov.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.gridgov.ApiLogin;
import org.gridgov.PlatformTest;
import org.gridgov.testsupport.HttpTestClient;
import org.gridgov.testsupport.Unique;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 #8: control characters in text, upload file names and absurd paging are refused with 400 problems naming
 * the field — not a 409 "reload and retry" (which clients retry for ever) and never a 500.
 */
@PlatformTest
class HostileInputIT {

    /** The four upload endpoints of the issue, and the care-visit photos. */
    static final List<String> UPLOADS = List.of("/api/v1/grid-imports", "/api/v1/staff-imports",
            "/api/v1/resident-imports", "/api/v1/incidents/1/photos", "/api/v1/visits/1/photos");

    @LocalServerPort
    int port;

    HttpTestClient admin;

    @BeforeEach
    void setUp() {
        admin = ApiLogin.admin(port);
    }

    @Test
    void a_nul_or_other_control_character_in_a_json_text_field_is_a_400_naming_the_field() {
        var nul = admin.post("/api/v1/accounts", "{\"username\":\"" + Unique.code("nul") + "\",\"displayName\":"
                + "\"a\\u0000b\",\"password\":\"fixture-password-1\",\"role\":\"SYSTEM_ADMIN\"}");
        var bell = admin.post("/api/v1/grids", "{\"name\":\"铃\\u0007声\",\"level\":\"COMMUNITY\"}");

        assertRefused(nul, "displayName");
        assertThat(nul.json().path("code").asString()).isEqualTo("request.control-character");
        assertRefused(bell, "name");
    }

    @Test
    void tabs_and_line_breaks_stay_allowed_in_free_text() {
        var created = admin.post("/api/v1/accounts", "{\"username\":\"" + Unique.code("lines") + "\",\"displayName\":"
                + "\"第一行\\n第二行\\t(甲)\\r\",\"password\":\"fixture-password-1\",\"role\":\"SYSTEM_ADMIN\"}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    @Test
    void a_control_character_in_a_query_parameter_is_a_400_naming_it() {
        assertRefused(admin.get("/api/v1/accounts?q=%00"), "q");
        assertRefused(admin.get("/api/v1/grids?q=a%07b"), "q");
    }

    @Test
    void a_nul_in_an_upload_file_name_is_a_400_on_every_upload_endpoint() {
        byte[] content = "code,name\n".getBytes(StandardCharsets.UTF_8);
        for (String path : UPLOADS) {
            var upload = admin.postFile(path, "grids\u0000.csv", "text/csv", content);
            assertThat(upload.status()).as(path + " → " + upload).isEqualTo(400);
            assertThat(upload.contentType()).startsWith("application/problem+json");
            assertThat(upload.json().path("errors").get(0).path("field").asString()).isEqualTo("file");
        }
    }

    @Test
    void an_absurd_page_or_size_is_a_400_naming_it_on_list_endpoints() {
        for (String list : List.of("/api/v1/accounts", "/api/v1/grids", "/api/v1/audit-events")) {
            assertRefused(admin.get(list + "?page=2147483647"), "page");
            assertRefused(admin.get(list + "?page=-1"), "page");
            assertRefused(admin.get(list + "?page=99999999999999999999"), "page");
            assertRefused(admin.get(list + "?size=1000000"), "size");
            assertRefused(admin.get(list + "?size=0"), "size");
            var lastAllowed = admin.get(list + "?page=1000000&size=200");
            assertThat(lastAllowed.status()).as(list + " → " + lastAllowed).isEqualTo(200);
        }
    }

    /** Issue 16 #8: an unknown grid node in a ranking or figures query is a 404 problem, not a 500. */
    @Test
    void an_unknown_node_id_is_a_404_problem() {
        for (String query : List.of("/api/v1/points/rankings?nodeId=999999", "/api/v1/points/rankings?nodeId=987654321",
                "/api/v1/incidents/figures?nodeId=999999")) {
            var response = admin.get(query);
            assertThat(response.status()).as(query + " → " + response).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    private static void assertRefused(HttpTestClient.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("errors").get(0).path("field").asString()).as(response.toString())
            .isEqualTo(field);
    }
}
