package org.nestguard.console.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * {@code <data>/evidence}: the police evidence archives devices upload, one {@code <exportId>.zip} each, owner-only.
 * An upload is streamed to a temporary file, bounded in size, checked to be an archive with the three parts the
 * agent writes, synced, and only then moved into place; the first complete upload is kept, never replaced.
 */
public final class EvidenceFolder {
    /** The parts every archive holds: the sealed item, its key wrapped for the recipient, and the manifest. */
    public static final List<String> PARTS = List.of(EvidenceArchive.ITEM, EvidenceArchive.KEY,
            EvidenceArchive.MANIFEST);
    private static final Pattern EXPORT_ID = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
    private static final int BUFFER = 64 * 1024;

    private final Path folder;

    public EvidenceFolder(Path dataDir) {
        this.folder = dataDir.resolve("evidence");
    }

    /**
     * Stores the archive of {@code exportId} read from {@code in}. EvidenceArchiveException when it is larger than
     * {@code maxBytes}, not a zip, or lacks a part; nothing is kept then.
     */
    public StoredArchive store(String exportId, InputStream in, long maxBytes) throws IOException,
            EvidenceArchiveException {
        Path target = archive(exportId);
        prepare();
        Path temporary = Files.createTempFile(folder, exportId, ".part", ownerOnly());
        try {
            MessageDigest sha256 = sha256();
            long total = 0;
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                 OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), sha256)) {
                byte[] buffer = new byte[BUFFER];
                for (int read; (read = in.read(buffer)) != -1; ) {
                    total += read;
                    if (total > maxBytes) {
                        throw new ArchiveTooLargeException(maxBytes);
                    }
                    out.write(buffer, 0, read);
                }
                out.flush();
                channel.force(true);
            }
            checkParts(temporary);
            try {
                // a hard link fails when the name exists (a rename would silently replace it), and is atomic
                Files.createLink(target, temporary);
            } catch (FileAlreadyExistsException e) {
                throw new EvidenceArchiveException("An archive for export " + exportId + " is stored already; it is "
                        + "kept as first received");
            }
            return new StoredArchive(total, HexFormat.of().formatHex(sha256.digest()));
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Writes the stored archive with the console's {@code custody.json} added (replacing any of that name), as a
     * new zip to {@code out}.
     */
    public void writeWithCustody(String exportId, String custodyJson, OutputStream out) throws IOException {
        try (ZipFile stored = new ZipFile(archive(exportId).toFile());
             ZipOutputStream zip = new ZipOutputStream(out)) {
            Enumeration<? extends ZipEntry> entries = stored.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (EvidenceArchive.CUSTODY.equals(entry.getName())) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream part = stored.getInputStream(entry)) {
                    part.transferTo(zip);
                }
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry(EvidenceArchive.CUSTODY));
            zip.write(custodyJson.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    /** Where the archive of this export is (or would be) kept; refuses anything but an export id. */
    public Path archive(String exportId) {
        if (exportId == null || !EXPORT_ID.matcher(exportId).matches()) {
            throw new IllegalArgumentException("'" + exportId + "' is not an evidence export id");
        }
        return folder.resolve(exportId + ".zip");
    }

    private static void checkParts(Path file) throws IOException, EvidenceArchiveException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (String part : PARTS) {
                if (zip.getEntry(part) == null) {
                    throw new EvidenceArchiveException("The archive has no " + part + "; an evidence archive holds "
                            + String.join(", ", PARTS) + ". It was not kept");
                }
            }
        } catch (ZipException e) {
            throw new EvidenceArchiveException("The upload is not a zip archive (" + e.getMessage() + "); it was not "
                    + "kept", e);
        }
    }

    private void prepare() throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        Files.createDirectories(folder.getParent());
        try {
            Files.createDirectory(folder, posix() ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                    : new FileAttribute<?>[0]);
        } catch (FileAlreadyExistsException e) {
            // made by a concurrent upload
        }
    }

    private FileAttribute<?>[] ownerOnly() {
        return posix() ? new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    private boolean posix() {
        return folder.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
