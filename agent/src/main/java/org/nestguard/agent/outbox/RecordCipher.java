package org.nestguard.agent.outbox;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for one outbox record. The sequence number and flags are associated data, so a record moved to
 * another place in the file, renumbered, or re-flagged as droppable fails to verify. Nonces are random rather than
 * derived from the sequence: a torn record's sequence is used again after recovery, and a repeated nonce under
 * GCM would leak both plaintexts.
 */
final class RecordCipher {
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    private final SecretKey key;
    private final SecureRandom random;
    private final Cipher cipher;

    RecordCipher(SecretKey key, SecureRandom random) {
        this.key = key;
        this.random = random;
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no AES/GCM cipher; install a full JDK 17", e);
        }
    }

    /** Nonce followed by ciphertext and tag. */
    byte[] seal(long sequence, byte flags, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(associatedData(sequence, flags));
            byte[] body = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(nonce, 0, body, 0, NONCE_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, body, NONCE_BYTES);
            return body;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** The plaintext of a body written by {@link #seal}; throws if it was changed or sealed with another key. */
    byte[] open(long sequence, byte flags, byte[] source, int offset, int length) throws AEADBadTagException {
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, source, offset, NONCE_BYTES));
            cipher.updateAAD(associatedData(sequence, flags));
            return cipher.doFinal(source, offset + NONCE_BYTES, length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private static byte[] associatedData(long sequence, byte flags) {
        return ByteBuffer.allocate(Long.BYTES + 1).putLong(sequence).put(flags).array();
    }
}
