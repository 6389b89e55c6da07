package org.nestguard.agent.quarantine;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.nestguard.agent.outbox.Directories;
import org.nestguard.protocol.wire.WireJson;

/**
 * The vault folder's layout and its files: {@code <id>.ngv} (the sealed item), {@code <id>.json} (its
 * {@link VaultRecord}), {@code <id>.part} (an item being sealed) and {@code <id>.journal} (an unfinished move).
 * Folder 0700 and files 0600 from their creation on POSIX; on Windows the folder's ACL (see {@link VaultFolder}).
 * Reads and writes metadata only: it never opens an item.
 */
public final class VaultStore {
    private static final Pattern ITEM_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String OWNER_ONLY_FILE = "rw-------";

    private final Path folder;
    private final ObjectMapper json = WireJson.mapper();

    public VaultStore(Path folder) {
        this.folder = folder.toAbsolutePath();
    }

    public Path folder() {
        return folder;
    }

    /** Creates the folder if needed and makes it owner-only (see {@link VaultFolder}). */
    public void prepare() throws IOException {
        VaultFolder.secure(folder);
    }

    /** Whether {@code itemId} has the form item ids have, so it can name files safely. */
    public static boolean isItemId(String itemId) {
        return itemId != null && ITEM_ID.matcher(itemId).matches();
    }

    public Path sealed(String itemId) {
        return folder.resolve(checked(itemId) + ".ngv");
    }

    public Path part(String itemId) {
        return folder.resolve(checked(itemId) + ".part");
    }

    public Path recordFile(String itemId) {
        return folder.resolve(checked(itemId) + ".json");
    }

    public Path journalFile(String itemId) {
        return folder.resolve(checked(itemId) + ".journal");
    }

    /** The record of {@code itemId}, or empty when the vault holds no such item. */
    public Optional<VaultRecord> record(String itemId) throws IOException {
        Path file = recordFile(itemId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(json.readValue(file.toFile(), VaultRecord.class));
    }

    /** Every complete item's record (with its sealed file), oldest isolation first. */
    public List<VaultRecord> records() throws IOException {
        List<VaultRecord> records = new ArrayList<>();
        for (String id : ids(".json")) {
            if (Files.isRegularFile(sealed(id)) && !Files.exists(journalFile(id))) {
                record(id).ifPresent(records::add);
            }
        }
        records.sort((a, b) -> a.item().isolatedAt().compareTo(b.item().isolatedAt()));
        return records;
    }

    /** Every unfinished journal entry. */
    public List<JournalEntry> journal() throws IOException {
        List<JournalEntry> entries = new ArrayList<>();
        for (String id : ids(".journal")) {
            entries.add(json.readValue(journalFile(id).toFile(), JournalEntry.class));
        }
        return entries;
    }

    /** Item ids that have a file with {@code suffix}. */
    public List<String> ids(String suffix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(suffix))
                    .map(n -> n.substring(0, n.length() - suffix.length())).filter(VaultStore::isItemId)
                    .sorted().toList();
        }
    }

    /** Writes the record owner-only, fsync'd, renamed into place, and the folder fsync'd. */
    public void writeRecord(VaultRecord record) throws IOException {
        writeOwnerOnly(recordFile(record.itemId()), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
    }

    public void writeJournal(JournalEntry entry) throws IOException {
        writeOwnerOnly(journalFile(entry.itemId()), json.writeValueAsBytes(entry));
    }

    /** Deletes {@code file} if it is there and makes the deletion durable. */
    public void delete(Path file) throws IOException {
        if (Files.deleteIfExists(file)) {
            Directories.sync(file.getParent());
        }
    }

    /** Opens a new owner-only file for writing; it must not exist. */
    public static FileChannel createOwnerOnly(Path file) throws IOException {
        return FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                ownerOnly());
    }

    private void writeOwnerOnly(Path file, byte[] bytes) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try (FileChannel channel = createOwnerOnly(temporary)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Directories.sync(folder);
    }

    static FileAttribute<?>[] ownerOnly() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString(OWNER_ONLY_FILE))};
        }
        return new FileAttribute<?>[0]; // Windows: the folder's inherited ACL admits SYSTEM and Administrators only
    }

    private static String checked(String itemId) {
        if (!isItemId(itemId)) {
            throw new IllegalArgumentException("'" + itemId + "' is not a vault item id (a UUID such as "
                    + "0f8fad5b-d9cb-469f-a165-70867728950e)");
        }
        return itemId;
    }
}
