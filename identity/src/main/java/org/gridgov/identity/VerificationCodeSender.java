package org.gridgov.identity;

/**
 * Delivers a one-time verification code to a phone. The platform ships a logging implementation; an SMS gateway is
 * a deployment choice (provide another bean of this type).
 */
public interface VerificationCodeSender {

    void send(String phone, String code);
}
