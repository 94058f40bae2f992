package org.gridgov.integration.open311;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16 #9: one control character in a report must not break requests.xml for every integrator. */
class Open311FormatTest {

    @Test
    void characters_xml_cannot_carry_are_dropped_and_the_document_stays_well_formed() throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("service_request_id", "GG-1");
        request.put("description", "门口\u0007积水\u0000 \uD83D\uDE00\tline\nend\uFFFF\uD800");

        String xml = Open311Format.XML.list(null, "service_requests", "request", List.of(request, request));
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

        assertThat(document.getElementsByTagName("request").getLength()).isEqualTo(2);
        assertThat(document.getElementsByTagName("description").item(0).getTextContent())
            .isEqualTo("门口积水 \uD83D\uDE00\tline\nend");
    }

    @Test
    void the_single_request_document_is_well_formed_too() throws Exception {
        String xml = Open311Format.XML.object(null, "service_requests", Map.of("request",
                Map.of("description", "bell\u0007\u001b[31m")));
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

        assertThat(document.getElementsByTagName("description").item(0).getTextContent()).isEqualTo("bell[31m");
    }
}
