package org.nestguard.agent.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's own outbox key: 32 random bytes in {@code outbox.key}, readable only by the agent's account. On
 * POSIX systems the file is created with mode 600 (and put back to 600 if found wider); on Windows there are no
 * POSIX modes, so it relies on the ACLs of the agent's data folder, which the installer restricts to SYSTEM and
 * Administrators.
 */
public final class OutboxKey {
    static final int KEY_BYTES = 32;
    private static final Logger LOG = LoggerFactory.getLogger(OutboxKey.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private OutboxKey() {
    }

    /** Reads the key in {@code file}, or makes and stores a new one if there is none. */
    public static SecretKey loadOrCreate(Path file, SecureRandom random) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.exists(file)) {
            create(file, random, posix);
        } else if (posix && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            LOG.warn("Outbox key {} could be read by other accounts; set it back to owner-only (600)", file);
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        byte[] key = Files.readAllBytes(file);
        if (key.length != KEY_BYTES) {
            throw new IOException("Outbox key " + file + " holds " + key.length + " bytes instead of " + KEY_BYTES
                    + "; it is damaged. Restore it from backup, or move the whole outbox folder aside so the agent"
                    + " starts a new one (its unsent events are then lost)");
        }
        return new SecretKeySpec(key, "AES");
    }

    private static void create(Path file, SecureRandom random, boolean posix) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        // Created owner-only from the start, so there is no moment when another account could read it.
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(temporary,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(key);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        Directories.sync(file.toAbsolutePath().getParent());
    }
}
