package org.nestguard.console.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.crypto.SecretKey;
import org.nestguard.protocol.files.KeyWrap;
import org.nestguard.protocol.files.VaultCipher;

/**
 * Opens a police evidence archive (a zip of {@value #ITEM}, {@value #KEY} and {@value #MANIFEST}, plus the
 * console's {@value #CUSTODY}) with the recipient's private key: unwraps the item key, opens the sealed item in
 * constant memory, and keeps the file only when its SHA-256 is the one the manifest recorded before isolation.
 */
public final class EvidenceArchive {
    public static final String ITEM = "item.ngv";
    public static final String KEY = "item.key";
    public static final String MANIFEST = "manifest.json";
    public static final String CUSTODY = "custody.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvidenceArchive() {
    }

    /** Writes the item into {@code outDir} (made if missing; an existing file there is never replaced). */
    public static OpenedEvidence open(Path archive, PrivateKey recipient, Path outDir) throws IOException,
            EvidenceArchiveException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            String manifestText = text(zip, MANIFEST, archive);
            JsonNode manifest;
            try {
                manifest = JSON.readTree(manifestText);
            } catch (IOException e) {
                throw new EvidenceArchiveException(MANIFEST + " in " + archive + " is not JSON: " + e.getMessage(), e);
            }
            String expected = manifest.path("facts").path("sha256").asText("");
            if (!expected.matches("[0-9a-f]{64}")) {
                throw new EvidenceArchiveException(MANIFEST + " in " + archive + " has no facts.sha256 to verify the "
                        + "item against; the archive cannot be trusted");
            }
            SecretKey key;
            try {
                key = KeyWrap.unwrap(text(zip, KEY, archive).strip(), recipient);
            } catch (GeneralSecurityException e) {
                throw new EvidenceArchiveException("The item key does not open with this private key (" + e.getMessage()
                        + "); use the private key whose public key was given for the export", e);
            }
            Files.createDirectories(outDir);
            Path file = outDir.resolve(fileName(manifest));
            String actual;
            try (InputStream sealed = zip.getInputStream(entry(zip, ITEM, archive));
                 OutputStream plain = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                try (DigestOutputStream digesting = new DigestOutputStream(plain, sha256)) {
                    VaultCipher.open(sealed, digesting, key);
                }
                actual = HexFormat.of().formatHex(sha256.digest());
            } catch (VaultCipher.VaultIntegrityException e) {
                Files.deleteIfExists(file);
                throw new EvidenceArchiveException("The sealed item does not open: " + e.getMessage()
                        + "; nothing was kept", e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            } catch (IOException | RuntimeException e) {
                if (!(e instanceof java.nio.file.FileAlreadyExistsException)) {
                    Files.deleteIfExists(file);
                }
                throw e;
            }
            if (!actual.equals(expected)) {
                Files.delete(file);
                throw new EvidenceArchiveException("The opened item's SHA-256 is " + actual + " but the manifest "
                        + "recorded " + expected + " before isolation; the file was not kept");
            }
            ZipEntry custody = zip.getEntry(CUSTODY);
            return new OpenedEvidence(file, actual, manifestText, custody == null ? null
                    : text(zip, CUSTODY, archive));
        } catch (ZipException e) {
            throw new EvidenceArchiveException(archive + " is not a zip archive: " + e.getMessage(), e);
        }
    }

    // the original file's own name, never a path: an archive must not write outside the folder it is opened in
    static String fileName(JsonNode manifest) {
        String path = manifest.path("facts").path("path").asText("");
        String[] parts = path.split("[/\\\\]");
        String name = parts.length == 0 ? "" : parts[parts.length - 1];
        if (name.isBlank() || ".".equals(name) || "..".equals(name) || name.indexOf('\0') >= 0 || name.contains(":")) {
            String item = manifest.path("itemId").asText("item").replaceAll("[^A-Za-z0-9._-]", "_");
            return item + ".bin";
        }
        return name;
    }

    private static ZipEntry entry(ZipFile zip, String name, Path archive) throws EvidenceArchiveException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new EvidenceArchiveException(archive + " has no " + name + "; an evidence archive holds " + ITEM
                    + ", " + KEY + " and " + MANIFEST);
        }
        return entry;
    }

    private static String text(ZipFile zip, String name, Path archive) throws IOException, EvidenceArchiveException {
        try (InputStream in = zip.getInputStream(entry(zip, name, archive))) {
            return new String(in.readNBytes(16 << 20), StandardCharsets.UTF_8);
        }
    }
}
