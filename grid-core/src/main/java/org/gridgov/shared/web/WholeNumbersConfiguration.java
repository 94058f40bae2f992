package org.gridgov.shared.web;

import tools.jackson.databind.DeserializationFeature;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A number with a fraction sent where the API takes a whole number (points, a price, stars, an id) is refused with
 * 400 naming the field, instead of being cut to its integer part: Jackson would otherwise read {@code 1.9} points as
 * 1 ({@code ACCEPT_FLOAT_AS_INT}). Whole numbers written with a fraction ({@code 2.0}) are refused too: an amount is
 * an integer, spelled as one.
 */
@Configuration(proxyBeanMethods = false)
public class WholeNumbersConfiguration {

    @Bean
    JsonMapperBuilderCustomizer wholeNumbersOnly() {
        return builder -> builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}
