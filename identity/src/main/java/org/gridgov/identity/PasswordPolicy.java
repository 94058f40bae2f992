package org.gridgov.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.gridgov.shared.DomainException;

/**
 * What a new password must be, wherever one is set (account creation, a manager's reset, a change of one's own, a
 * resident's registration): 10 to 128 characters, at least 5 different characters, not the username and not one of
 * the 10,000 most common passwords (compared without regard to case). A refusal is a 400 naming the field.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 128;
    static final int MIN_DISTINCT_CHARACTERS = 5;

    private static final Set<String> COMMON = load("common-passwords.txt");

    private PasswordPolicy() {
    }

    /** Refuses a password that breaks the policy, naming {@code field} in the problem's errors. */
    public static void require(String password, String username, String field) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw DomainException.invalidField("identity.password.weak", field,
                    "A password needs " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        if (username != null && password.equalsIgnoreCase(username)) {
            throw DomainException.invalidField("identity.password.weak", field, "The password may not be the username");
        }
        if (password.codePoints().distinct().count() < MIN_DISTINCT_CHARACTERS) {
            throw DomainException.invalidField("identity.password.weak", field,
                    "A password needs at least " + MIN_DISTINCT_CHARACTERS + " different characters");
        }
        if (isCommon(password)) {
            throw DomainException.invalidField("identity.password.common", field,
                    "This password is one of the most common ones; choose another");
        }
    }

    static boolean isCommon(String password) {
        return COMMON.contains(password.toLowerCase(Locale.ROOT));
    }

    private static Set<String> load(String resource) {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The common-password list " + resource + " is missing from the build");
            }
            Set<String> passwords = new HashSet<>(16_384);
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .forEach(line -> passwords.add(line.toLowerCase(Locale.ROOT)));
            return Set.copyOf(passwords);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
