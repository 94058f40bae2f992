package org.gridgov.integration.open311;

import org.springframework.http.HttpStatus;

/** An Open311 error: the status and its description, answered in the spec's error list. */
final class Open311Error extends RuntimeException {

    final HttpStatus status;

    Open311Error(HttpStatus status, String description) {
        super(description);
        this.status = status;
    }
}
