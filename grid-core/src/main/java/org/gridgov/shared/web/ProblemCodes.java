package org.gridgov.shared.web;

import java.net.URI;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds problem details in the platform's shape: {@code type} from the code, plus {@code code}. */
public final class ProblemCodes {

    private static final String TYPE_PREFIX = "urn:problem:gridgov:";

    private ProblemCodes() {
    }

    public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        return withCode(problem, code);
    }

    public static ProblemDetail withCode(ProblemDetail problem, String code) {
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setProperty("code", code);
        return problem;
    }

    /** The code used when the framework (not the domain) rejected a request with this status. */
    public static String forStatus(int status) {
        return switch (status) {
            case 400 -> "request.invalid";
            case 401 -> "auth.unauthenticated";
            case 403 -> "auth.forbidden";
            case 404 -> "resource.not-found";
            case 405 -> "request.method-not-allowed";
            case 406 -> "request.not-acceptable";
            case 409 -> "resource.conflict";
            case 412 -> "resource.version-stale";
            case 413 -> "request.too-large";
            case 415 -> "request.unsupported-media-type";
            case 422 -> "request.unprocessable";
            case 428 -> "resource.precondition-required";
            case 429 -> "request.rate-limited";
            case 503 -> "service.unavailable";
            default -> status >= 500 ? "server.error" : "request.rejected";
        };
    }
}
