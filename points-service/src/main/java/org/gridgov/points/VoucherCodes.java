package org.gridgov.points;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * The short, unguessable codes a person shows at the counter — mall redemptions and welfare-pool vouchers alike: ten
 * characters of Crockford's base32 (no I, L, O, U — nothing to misread), 50 bits from a {@link SecureRandom}.
 */
final class VoucherCodes {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    static final int LENGTH = 10;

    private final SecureRandom random = new SecureRandom();

    String next() {
        char[] code = new char[LENGTH];
        for (int i = 0; i < code.length; i++) {
            code[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(code);
    }

    /** As typed at the counter: any case, O for 0 and I or L for 1 (Crockford's reading rules). */
    static String normalise(String typed) {
        return typed.trim().toUpperCase(Locale.ROOT).replace('O', '0').replace('I', '1').replace('L', '1');
    }
}
