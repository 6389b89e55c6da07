package org.nestguard.protocol.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nestguard.protocol.crypto.Pem;

class VaultCipherTest {
    private final SecretKey key = VaultCipher.newKey();

    @ParameterizedTest
    @ValueSource(ints = {0, 1, VaultCipher.CHUNK_BYTES - 1, VaultCipher.CHUNK_BYTES, VaultCipher.CHUNK_BYTES + 1,
            3 * VaultCipher.CHUNK_BYTES})
    void sealedItemsOpenToTheSameBytesAtChunkBoundaries(int size) throws IOException {
        byte[] plain = bytes(size);
        byte[] sealed = seal(plain);
        long chunks = Math.max(1, (size + VaultCipher.CHUNK_BYTES - 1) / VaultCipher.CHUNK_BYTES);
        assertEquals(16 + size + 16 * chunks, sealed.length);
        assertArrayEquals(plain, open(sealed, key));
    }

    @Test
    void truncatingAtAChunkBoundaryIsDetected() throws IOException {
        byte[] sealed = seal(bytes(2 * VaultCipher.CHUNK_BYTES + 5));
        byte[] cut = Arrays.copyOf(sealed, 16 + VaultCipher.CHUNK_BYTES + 16);
        IOException e = assertThrows(VaultCipher.VaultIntegrityException.class, () -> open(cut, key));
        assertTrue(e.getMessage().contains("chunk 0"), e.getMessage());
    }

    @Test
    void aFlippedBitOrAnotherKeyDoesNotOpen() throws IOException {
        byte[] sealed = seal(bytes(1000));
        sealed[100] ^= 1;
        assertThrows(VaultCipher.VaultIntegrityException.class, () -> open(sealed, key));
        byte[] intact = seal(bytes(1000));
        assertThrows(VaultCipher.VaultIntegrityException.class, () -> open(intact, VaultCipher.newKey()));
        assertThrows(VaultCipher.VaultIntegrityException.class, () -> open("plain text".getBytes(), key));
    }

    @Test
    void keysWrapForAStrongRsaKeyOnlyAndUnwrapOnlyWithItsPrivateKey() throws Exception {
        KeyPair evidence = rsa(3072);
        String wrapped = KeyWrap.wrap(key, Pem.readPublicKey(Pem.write(evidence.getPublic()), "test"));
        assertArrayEquals(key.getEncoded(), KeyWrap.unwrap(wrapped, evidence.getPrivate()).getEncoded());
        assertThrows(GeneralSecurityException.class, () -> KeyWrap.unwrap(wrapped, rsa(3072).getPrivate()));
        InvalidKeyException weak = assertThrows(InvalidKeyException.class, () -> KeyWrap.wrap(key, rsa(2048).getPublic()));
        assertTrue(weak.getMessage().contains("2048 bits"), weak.getMessage());
        assertEquals(64, KeyWrap.fingerprint(evidence.getPublic()).length());
    }

    private static KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    private byte[] seal(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VaultCipher.seal(new ByteArrayInputStream(plain), out, key);
        return out.toByteArray();
    }

    private static byte[] open(byte[] sealed, SecretKey key) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VaultCipher.open(new ByteArrayInputStream(sealed), out, key);
        return out.toByteArray();
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
