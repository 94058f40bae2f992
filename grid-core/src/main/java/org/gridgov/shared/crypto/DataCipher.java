package org.gridgov.shared.crypto;

/**
 * Encrypts values that must be stored readable by the platform but not by whoever reads the database or a dump of
 * it: personal data, and secrets the platform itself has to use (a webhook's signing secret). One implementation holds
 * the platform's keys (AES-256-GCM; the key id travels with each value, so keys rotate); {@code purpose} names the
 * column and is bound to the value, so a value copied into another column does not decrypt.
 */
public interface DataCipher {

    /** The encrypted form of {@code value} (null stays null). */
    byte[] encrypt(String value, String purpose);

    /** The plaintext of a value encrypted for the same purpose (null stays null). */
    String decrypt(byte[] stored, String purpose);
}
