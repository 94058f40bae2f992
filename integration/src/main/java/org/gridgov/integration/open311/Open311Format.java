package org.gridgov.integration.open311;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

/**
 * The two wire formats of GeoReport v2. Documents are built once as ordered maps and lists; JSON writes them with
 * Jackson, XML with the JDK's StAX writer following the spec's element names: a list becomes repeated
 * {@code itemName} elements under {@code rootName}, a nested list of maps (attributes, values) its own wrapper with
 * singular children.
 */
enum Open311Format {

    JSON(new MediaType("application", "json", java.nio.charset.StandardCharsets.UTF_8)),
    XML(new MediaType("text", "xml", java.nio.charset.StandardCharsets.UTF_8));

    private static final XMLOutputFactory XML_OUTPUT = XMLOutputFactory.newFactory();
    private static final Map<String, String> SINGULAR = Map.of("attributes", "attribute", "values", "value",
            "endpoints", "endpoint", "formats", "format", "errors", "error");

    private final MediaType mediaType;

    Open311Format(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    MediaType mediaType() {
        return mediaType;
    }

    static Open311Format of(String extension) {
        return switch (extension) {
            case "json" -> JSON;
            case "xml" -> XML;
            default -> null;
        };
    }

    /** A list document: {@code [ {...}, … ]} or {@code <rootName><itemName>…</itemName>…</rootName>}. */
    String list(JsonMapper json, String rootName, String itemName, List<? extends Map<String, ?>> items) {
        if (this == JSON) {
            return json.writeValueAsString(items);
        }
        return xml(writer -> {
            writer.writeStartElement(rootName);
            for (Map<String, ?> item : items) {
                element(writer, itemName, item);
            }
            writer.writeEndElement();
        });
    }

    /** A single-object document: {@code {...}} or {@code <rootName>…</rootName>}. */
    String object(JsonMapper json, String rootName, Map<String, ?> document) {
        if (this == JSON) {
            return json.writeValueAsString(document);
        }
        return xml(writer -> element(writer, rootName, document));
    }

    private interface XmlBody {
        void write(XMLStreamWriter writer) throws XMLStreamException;
    }

    private static String xml(XmlBody body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter writer = XML_OUTPUT.createXMLStreamWriter(out);
            writer.writeStartDocument("UTF-8", "1.0");
            body.write(writer);
            writer.writeEndDocument();
            writer.close();
        }
        catch (XMLStreamException ex) {
            throw new IllegalStateException("cannot write Open311 XML", ex);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter writer, String name, Object value) throws XMLStreamException {
        if (value == null) {
            writer.writeEmptyElement(name);
            return;
        }
        writer.writeStartElement(name);
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                element(writer, String.valueOf(entry.getKey()), entry.getValue());
            }
        }
        else if (value instanceof List<?> list) {
            String child = SINGULAR.getOrDefault(name, name);
            for (Object item : list) {
                element(writer, child, item);
            }
        }
        else {
            writer.writeCharacters(xmlCharacters(String.valueOf(value)));
        }
        writer.writeEndElement();
    }

    /**
     * The text without the characters XML 1.0 cannot carry (C0 controls but tab, line feed and carriage return;
     * unpaired surrogates; U+FFFE/U+FFFF): one such character typed into a report must not break the whole
     * document for every integrator (issue 16 #9). Dropped, as docs/INTEGRATION.md says.
     */
    static String xmlCharacters(String text) {
        StringBuilder kept = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (kept != null) {
                    kept.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (!allowed && kept == null) {
                kept = new StringBuilder(text.length()).append(text, 0, i);
            }
            else if (allowed && kept != null) {
                kept.append(c);
            }
        }
        return kept == null ? text : kept.toString();
    }
}
