package org.gridgov.shared.web;

import java.io.IOException;

/** Thrown while reading a request body that exceeds the configured limit; answered with 413. */
public class PayloadTooLargeException extends IOException {

    private final long limit;

    public PayloadTooLargeException(long limit) {
        super("Request body exceeds the limit of " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
