package org.nestguard.console.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Set;

import org.nestguard.protocol.crypto.Pem;

/**
 * {@code <data>/pki}: the CA certificate ({@code ca.crt}) and key ({@code ca.key}), the evidence key pair
 * ({@code evidence.key}, {@code evidence.pub}) and the key sealing secrets kept in the database ({@code secrets.key}). The folder is 700 and the keys 600 where the file system has POSIX
 * permissions, and every file is replaced atomically so a crash never leaves half a key.
 */
final class CaFolder {
    static final String CERTIFICATE = "ca.crt";
    static final String KEY = "ca.key";
    static final String EVIDENCE_KEY = "evidence.key";
    static final String EVIDENCE_PUBLIC = "evidence.pub";
    static final String SECRETS_KEY = "secrets.key";
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> SECRET = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private final Path folder;

    CaFolder(Path dataDir) {
        this.folder = dataDir.resolve("pki");
    }

    Path certificateFile() {
        return folder.resolve(CERTIFICATE);
    }

    Path keyFile() {
        return folder.resolve(KEY);
    }

    Path evidenceKeyFile() {
        return folder.resolve(EVIDENCE_KEY);
    }

    Path secretsKeyFile() {
        return folder.resolve(SECRETS_KEY);
    }

    /** The 256-bit key that seals secrets kept in the database, as Base64 text. */
    String readSecretsKey() {
        tighten(secretsKeyFile(), SECRET);
        try {
            return Files.readString(secretsKeyFile(), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + secretsKeyFile() + ": " + e.getMessage()
                    + "; check that the console's account owns its data folder", e);
        }
    }

    void saveSecretsKey(String base64) {
        write(secretsKeyFile(), base64 + "\n", SECRET);
    }

    Path evidencePublicFile() {
        return folder.resolve(EVIDENCE_PUBLIC);
    }

    PrivateKey readEvidenceKey() {
        tighten(evidenceKeyFile(), SECRET);
        return Pem.readPrivateKey(Pem.readFile(evidenceKeyFile()), evidenceKeyFile().toString());
    }

    /** Writes the private key, then the public one (for operators and tests; the private key is the pair). */
    void saveEvidenceKey(PrivateKey key, java.security.PublicKey publicKey) {
        write(evidenceKeyFile(), Pem.write(key), SECRET);
        write(evidencePublicFile(), Pem.write(publicKey), PUBLIC);
    }

    /** Creates the folder (700) and takes an exclusive lock (held until the channel is closed), so two consoles starting together make one CA. */
    FileChannel lock() {
        try {
            if (posix()) {
                Files.createDirectories(folder.getParent());
                if (!Files.isDirectory(folder)) {
                    Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER));
                }
                Files.setPosixFilePermissions(folder, FOLDER);
            } else {
                Files.createDirectories(folder);
            }
            FileChannel channel = FileChannel.open(folder.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            try {
                channel.lock(); // released when the caller closes the channel
                return channel;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the CA folder " + folder + ": " + e.getMessage()
                    + "; check that the console's account can write to its data folder", e);
        }
    }

    /**
     * Whether both files are there. Exactly one of them is an {@link IllegalStateException}: replacing it silently
     * would orphan every enrolled device.
     */
    boolean holdsCa() {
        boolean certificate = Files.exists(certificateFile());
        boolean key = Files.exists(keyFile());
        if (certificate != key) {
            Path present = certificate ? certificateFile() : keyFile();
            Path missing = certificate ? keyFile() : certificateFile();
            throw new IllegalStateException("found " + present + " but not " + missing + "; restore both from backup, "
                    + "or move the folder " + folder + " away to create a new CA (every device must then enrol "
                    + "again)");
        }
        return certificate;
    }

    X509Certificate readCertificate() {
        return Pem.readCertificate(Pem.readFile(certificateFile()), certificateFile().toString());
    }

    PrivateKey readKey() {
        tighten(keyFile(), SECRET);
        return Pem.readPrivateKey(Pem.readFile(keyFile()), keyFile().toString());
    }

    /** Writes the key, then the certificate: a present certificate means a complete pair. */
    void save(PrivateKey key, X509Certificate certificate) {
        write(keyFile(), Pem.write(key), SECRET);
        write(certificateFile(), Pem.write(certificate), PUBLIC);
    }

    private void write(Path target, String text, Set<PosixFilePermission> permissions) {
        try {
            // Created with its final permissions, so the key is never readable by others even for a moment.
            FileAttribute<?>[] attributes = posix()
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                    : new FileAttribute<?>[0];
            Path temporary = Files.createTempFile(folder, target.getFileName().toString(), ".tmp", attributes);
            try {
                Files.writeString(temporary, text, StandardCharsets.US_ASCII, StandardOpenOption.SYNC);
                moveIntoPlace(temporary, target);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage()
                    + "; check that the console's account can write to its data folder", e);
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void tighten(Path file, Set<PosixFilePermission> permissions) {
        if (!posix()) {
            return;
        }
        try {
            // A restore from backup may have loosened them; the key must stay readable by the console alone.
            Files.setPosixFilePermissions(folder, FOLDER);
            Files.setPosixFilePermissions(file, permissions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the permissions of " + file + ": " + e.getMessage()
                    + "; make the console's account its owner", e);
        }
    }

    private boolean posix() {
        return folder.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
