package org.gridgov.shared.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every JSON text field of every request body is checked for control characters in one place (issue 16 #8): the
 * HTTP message converter reads bodies with a copy of the platform's {@link JsonMapper} whose {@code String}
 * deserializer refuses them, so a NUL in a description is a 400 naming the field, not a 409 "reload and retry" from
 * PostgreSQL. Only request bodies: the platform's own mapper (events, stored JSON) is left as it is, and responses
 * are written exactly as before. Query parameters, form fields and upload file names are checked by
 * {@link RequestInputInterceptor}.
 */
@Configuration(proxyBeanMethods = false)
public class TextInputConfiguration implements WebMvcConfigurer {

    private final JsonMapper jsonMapper;

    TextInputConfiguration(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /**
     * Replaces Spring MVC's JSON converter in place (same position: byte[] and String bodies keep their own
     * converters ahead of it), for the server side only; HTTP clients keep Boot's.
     */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        SimpleModule module = new SimpleModule("gridgov-control-characters")
            .addDeserializer(String.class, new ControlCharacterRefusingStringDeserializer());
        JsonMapper requestMapper = jsonMapper.rebuild().addModule(module).build();
        converters.replaceAll(converter -> converter.getClass() == JacksonJsonHttpMessageConverter.class
                ? new JacksonJsonHttpMessageConverter(requestMapper) : converter);
    }

    static final class ControlCharacterRefusingStringDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = super.deserialize(parser, context);
            int forbidden = ControlCharacters.firstForbidden(value);
            if (forbidden >= 0) {
                throw new ControlCharacterException(parser, "holds a control character ("
                        + ControlCharacters.describe(value, forbidden) + ")");
            }
            return value;
        }
    }
}
