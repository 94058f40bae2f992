package org.gridgov.shared.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON string value held a control character ({@link ControlCharacters}); Jackson adds the path of the field, and
 * {@link ProblemDetailsAdvice} answers 400 naming it.
 */
public class ControlCharacterException extends MismatchedInputException {

    private static final long serialVersionUID = 1L;

    ControlCharacterException(JsonParser parser, String message) {
        super(parser, message, String.class);
    }
}
