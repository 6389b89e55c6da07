package org.nestguard.protocol.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The vault's encrypted format: AES-256-GCM over 1 MiB chunks, so any file is sealed and opened in constant
 * memory. Each chunk's nonce is a random 8-byte prefix and the chunk's number; its associated data is the header
 * and whether it is the last chunk, so reordered, dropped or truncated chunks fail to open (the STREAM
 * construction of Hoang, Reyhanitabar, Rogaway and Vizár).
 *
 * <pre>
 * header: "NGV1" | chunk size (4 bytes, big-endian) | nonce prefix (8 bytes)
 * chunks: AES-GCM(chunk) with its 16-byte tag; every chunk is full but the last (empty only for an empty file)
 * </pre>
 */
public final class VaultCipher {
    public static final int KEY_BYTES = 32;
    public static final int CHUNK_BYTES = 1 << 20;
    private static final byte[] MAGIC = {'N', 'G', 'V', '1'};
    private static final int HEADER_BYTES = 16;
    private static final int TAG_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private VaultCipher() {
    }

    /** A fresh AES-256 item key. */
    public static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(KEY_BYTES * 8, RANDOM);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has AES", e);
        }
    }

    /** Seals all of {@code plain} into {@code sealed}; closes neither. */
    public static void seal(InputStream plain, OutputStream sealed, SecretKey key) throws IOException {
        byte[] header = ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).putInt(CHUNK_BYTES)
                .putLong(RANDOM.nextLong()).array();
        sealed.write(header);
        Cipher cipher = cipher();
        byte[] current = new byte[CHUNK_BYTES];
        byte[] next = new byte[CHUNK_BYTES];
        byte[] out = new byte[CHUNK_BYTES + TAG_BYTES];
        int currentLength = plain.readNBytes(current, 0, CHUNK_BYTES);
        for (int index = 0; ; index++) {
            // Read one chunk ahead: only then is it known whether the current chunk is the last.
            int nextLength = currentLength == CHUNK_BYTES ? plain.readNBytes(next, 0, CHUNK_BYTES) : 0;
            boolean last = nextLength == 0;
            try {
                cipher.init(Cipher.ENCRYPT_MODE, key, nonce(header, index));
                cipher.updateAAD(associated(header, last));
                int length = cipher.doFinal(current, 0, currentLength, out, 0);
                sealed.write(out, 0, length);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot seal chunk " + index + ": " + e.getMessage(), e);
            }
            if (last) {
                return;
            }
            byte[] swap = current;
            current = next;
            next = swap;
            currentLength = nextLength;
        }
    }

    /**
     * Opens {@code sealed} into {@code plain}; closes neither. Chunks are written as each is verified, so on
     * {@link VaultIntegrityException} the caller must discard what was written.
     */
    public static void open(InputStream sealed, OutputStream plain, SecretKey key) throws IOException {
        byte[] header = sealed.readNBytes(HEADER_BYTES);
        if (header.length != HEADER_BYTES || !Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)) {
            throw new VaultIntegrityException("not a Nestguard vault item (no NGV1 header)");
        }
        int chunkBytes = ByteBuffer.wrap(header, 4, 4).getInt();
        if (chunkBytes <= 0 || chunkBytes > 64 << 20) {
            throw new VaultIntegrityException("the header names an impossible chunk size " + chunkBytes);
        }
        Cipher cipher = cipher();
        byte[] current = new byte[chunkBytes + TAG_BYTES];
        byte[] next = new byte[chunkBytes + TAG_BYTES];
        byte[] out = new byte[chunkBytes];
        int currentLength = sealed.readNBytes(current, 0, current.length);
        for (int index = 0; ; index++) {
            int nextLength = currentLength == current.length ? sealed.readNBytes(next, 0, next.length) : 0;
            boolean last = nextLength == 0;
            if (currentLength < TAG_BYTES) {
                throw new VaultIntegrityException("the item ends inside chunk " + index + "; it is truncated");
            }
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, nonce(header, index));
                cipher.updateAAD(associated(header, last));
                int length = cipher.doFinal(current, 0, currentLength, out, 0);
                plain.write(out, 0, length);
            } catch (AEADBadTagException e) {
                throw new VaultIntegrityException("chunk " + index + " does not open with this key: the item is "
                        + "altered or truncated, or the key is not its own");
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot open chunk " + index + ": " + e.getMessage(), e);
            }
            if (last) {
                return;
            }
            byte[] swap = current;
            current = next;
            next = swap;
            currentLength = nextLength;
        }
    }

    private static Cipher cipher() throws IOException {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IOException("this Java runtime has no AES-GCM", e);
        }
    }

    private static GCMParameterSpec nonce(byte[] header, int index) {
        byte[] iv = ByteBuffer.allocate(12).put(header, 8, 8).putInt(index).array();
        return new GCMParameterSpec(TAG_BYTES * 8, iv);
    }

    private static byte[] associated(byte[] header, boolean last) {
        byte[] aad = Arrays.copyOf(header, HEADER_BYTES + 1);
        aad[HEADER_BYTES] = (byte) (last ? 1 : 0);
        return aad;
    }

    /** A vault item that does not open: altered, truncated, or opened with another key. */
    public static final class VaultIntegrityException extends IOException {
        public VaultIntegrityException(String message) {
            super(message);
        }
    }
}
