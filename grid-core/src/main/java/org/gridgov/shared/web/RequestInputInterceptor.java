package org.gridgov.shared.web;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.gridgov.shared.FieldViolation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The request's parameters, checked once for every endpoint before any controller runs (issue 16 #8):
 * <ul>
 * <li>no control character ({@link ControlCharacters}) in any query or form parameter, nor in the file name of an
 * upload;</li>
 * <li>{@code page} a whole number from 0 to {@value #MAX_PAGE}, {@code size} from 1 to {@value #MAX_SIZE}: a page
 * beyond that once overflowed the row offset into a 500.</li>
 * </ul>
 * Each refusal is a 400 {@code application/problem+json} naming the parameter in {@code errors[]}. A value that is no
 * number at all is left to Spring's binding, which answers 400 {@code request.type-mismatch} naming it.
 */
public class RequestInputInterceptor implements HandlerInterceptor {

    public static final int MAX_PAGE = 1_000_000;
    public static final int MAX_SIZE = 200;

    private final ProblemWriter problems;

    public RequestInputInterceptor(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            for (String value : parameter.getValue()) {
                int forbidden = ControlCharacters.firstForbidden(value);
                if (forbidden >= 0) {
                    return refuse(response, "request.control-character", parameter.getKey(), "field.control-character",
                            "holds a control character (" + ControlCharacters.describe(value, forbidden) + ")");
                }
            }
        }
        if (request instanceof MultipartHttpServletRequest multipart) {
            for (Map.Entry<String, List<MultipartFile>> part : multipart.getMultiFileMap().entrySet()) {
                for (MultipartFile file : part.getValue()) {
                    String name = file.getOriginalFilename();
                    int forbidden = ControlCharacters.firstForbidden(name);
                    if (forbidden >= 0 || name != null && (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0
                            || name.indexOf('\t') >= 0)) {
                        return refuse(response, "request.control-character", part.getKey(), "field.control-character",
                                "the file name holds a control character");
                    }
                }
            }
        }
        if (!inRange(request.getParameter("page"), 0, MAX_PAGE)) {
            return refuse(response, "request.validation-failed", "page", "field.range",
                    "must be a page number from 0 to " + MAX_PAGE);
        }
        if (!inRange(request.getParameter("size"), 1, MAX_SIZE)) {
            return refuse(response, "request.validation-failed", "size", "field.range",
                    "must be from 1 to " + MAX_SIZE);
        }
        return true;
    }

    /** True when absent, not a number (the binding answers that) or a number within the bounds. */
    private static boolean inRange(String value, long min, long max) {
        if (value == null || value.isBlank()) {
            return true;
        }
        try {
            long number = Long.parseLong(value.trim());
            return number >= min && number <= max;
        }
        catch (NumberFormatException ex) {
            return !value.trim().matches("[+-]?[0-9]+"); // digits beyond a long are out of range too
        }
    }

    private boolean refuse(HttpServletResponse response, String code, String field, String fieldCode, String message)
            throws java.io.IOException {
        ProblemDetail problem = ProblemCodes.problem(HttpStatus.BAD_REQUEST, code,
                "Parameter '" + field + "' " + message + ".");
        problem.setProperty("errors", List.of(new FieldViolation(field, fieldCode, message)));
        problems.write(response, problem);
        return false;
    }
}
