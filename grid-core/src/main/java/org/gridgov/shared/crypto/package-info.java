/**
 * Encryption at rest: the {@link org.gridgov.shared.crypto.DataCipher} port every module encrypts stored secrets and
 * personal data through; the residents module provides it with the platform's keys.
 */
package org.gridgov.shared.crypto;
