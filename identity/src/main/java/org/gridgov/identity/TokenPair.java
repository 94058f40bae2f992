package org.gridgov.identity;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Tokens for the API: a short-lived JWT access token, and (for accounts) a refresh token that is good for one use.
 *
 * @param expiresIn seconds until the access token expires
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenPair(String accessToken, String tokenType, long expiresIn, String refreshToken) {
}
