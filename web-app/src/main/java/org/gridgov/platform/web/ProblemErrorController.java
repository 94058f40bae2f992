package org.gridgov.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.gridgov.shared.web.DatabaseUnavailable;
import org.gridgov.shared.web.ProblemCodes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Errors raised outside Spring MVC (in filters, or by the servlet container) reach {@code /error}: answered as
 * problem details for API clients and as a plain page for browsers. Never a stack trace.
 */
@Controller
class ProblemErrorController implements ErrorController {

    @RequestMapping(value = "/error", produces = MediaType.TEXT_HTML_VALUE)
    String errorPage(HttpServletRequest request, Model model) {
        HttpStatus status = statusOf(request);
        model.addAttribute("status", status.value());
        model.addAttribute("reason", status.getReasonPhrase());
        return "error";
    }

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = statusOf(request);
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable error
                && DatabaseUnavailable.is(error)) {
            // a filter (session, idempotency) could not reach PostgreSQL: the same 503 as from a controller
            ProblemDetail problem = ProblemCodes.problem(HttpStatus.SERVICE_UNAVAILABLE, "server.database-unavailable",
                    "The database cannot be reached at the moment. Retry in "
                            + DatabaseUnavailable.RETRY_AFTER_SECONDS + " s.");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header("Retry-After", Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS)).body(problem);
        }
        ProblemDetail problem = ProblemCodes.problem(status, ProblemCodes.forStatus(status.value()),
                status.getReasonPhrase());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer value) {
            HttpStatus status = HttpStatus.resolve(value);
            if (status != null) {
                return status;
            }
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
