package org.nestguard.agent.quarantine;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.SecretKey;
import org.nestguard.agent.files.Isolation;
import org.nestguard.agent.files.IsolationRefusedException;
import org.nestguard.agent.outbox.Directories;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.agent.outbox.RetentionHold;
import org.nestguard.protocol.files.FileFacts;
import org.nestguard.protocol.files.FileRuleMatch;
import org.nestguard.protocol.files.KeyWrap;
import org.nestguard.protocol.files.QuarantineChange;
import org.nestguard.protocol.files.QuarantineItem;
import org.nestguard.protocol.files.VaultCipher;
import org.nestguard.protocol.wire.WireJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quarantine vault: isolates a file in place (sealed with a fresh key wrapped for the console's evidence key,
 * the note left at its path), releases it byte for byte with the key the console sends, destroys it after the
 * DSL's two confirmations, and after a crash finishes or undoes every move it finds in its journal. At every
 * instant the file is whole at its path or whole in the vault, and never readable in two places.
 */
public final class Vault implements Isolation {
    /** Why release and destroy are refused while the device is on hold. */
    public static final String ON_HOLD = "the device is on hold until police advice has been sought";
    private static final Logger LOG = LoggerFactory.getLogger(Vault.class);
    private static final int BUFFER = 1 << 16;
    private static final DateTimeFormatter RESTORED_STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HHmmss")
            .withZone(ZoneOffset.UTC);

    /** The note to leave at a path, under the policy in force at the moment of isolation. */
    @FunctionalInterface
    public interface NoteSource {
        IsolationNote current() throws IOException;
    }

    private final VaultStore store;
    private final EvidenceKeyStore evidenceKeys;
    private final Outbox outbox;
    private final RetentionHold hold;
    private final NoteSource notes;
    private final Clock clock;
    private final VaultSteps steps;
    private final ObjectMapper json = WireJson.mapper();

    public Vault(VaultStore store, EvidenceKeyStore evidenceKeys, Outbox outbox, RetentionHold hold,
                 NoteSource notes, Clock clock, VaultSteps steps) {
        this.store = store;
        this.evidenceKeys = evidenceKeys;
        this.outbox = outbox;
        this.hold = hold;
        this.notes = notes;
        this.clock = clock;
        this.steps = steps;
    }

    public VaultStore store() {
        return store;
    }

    @Override
    public synchronized QuarantineItem isolate(FileFacts facts, List<FileRuleMatch> matches, String commandId)
            throws IsolationRefusedException, IOException {
        Optional<PublicKey> evidenceKey = evidenceKeys.read();
        if (evidenceKey.isEmpty()) {
            throw new IsolationRefusedException("the device has no evidence key from the console yet, so the file "
                    + "could not be sealed for it; it stays at " + facts.path() + " and the flag stands");
        }
        Path path = Path.of(facts.path());
        if (!path.isAbsolute()) {
            throw new IsolationRefusedException("'" + facts.path() + "' is not an absolute path; nothing was moved");
        }
        BasicFileAttributes before = regularFile(path);
        // Milliseconds: an index may keep times no finer; the SHA-256 taken while sealing decides about content.
        if (before.size() != facts.size()
                || before.lastModifiedTime().toMillis() != facts.modified().toEpochMilli()) {
            throw new IsolationRefusedException(path + " has changed since it was hashed (size " + before.size()
                    + ", modified " + before.lastModifiedTime() + "); it was left in place and is checked again "
                    + "at the next scan");
        }
        OriginalAttributes original = attributesOf(path, before);
        IsolationNote note = notes.current();
        store.prepare();
        String itemId = UUID.randomUUID().toString();
        // The plain key lives only in this frame: sealed with, verified with, wrapped, then dropped.
        SecretKey key = VaultCipher.newKey();
        String wrapped;
        try {
            wrapped = KeyWrap.wrap(key, evidenceKey.get());
        } catch (GeneralSecurityException e) {
            throw new IsolationRefusedException("the stored evidence key cannot wrap an item key (" + e.getMessage()
                    + "); the file stays at " + path);
        }
        Instant now = clock.instant();
        Path noteTemp = sideFile(path, itemId, "note");
        store.writeJournal(new JournalEntry(itemId, JournalEntry.Operation.ISOLATE, path.toString(),
                noteTemp.toString(), null, facts.sha256(), commandId, now));
        steps.reached(itemId, VaultStep.JOURNALLED);
        QuarantineItem item;
        try {
            long vaultBytes;
            String sealedSha;
            try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                 FileChannel out = VaultStore.createOwnerOnly(store.part(itemId))) {
                // Only the bytes there when opened: a file its owner keeps growing would otherwise fill the vault's
                // disk; one that changed at all fails the SHA-256 check below.
                DigestInputStream plain = new DigestInputStream(new AsOpened(in), sha256());
                OutputStream sealed = new BufferedOutputStream(Channels.newOutputStream(out), BUFFER);
                VaultCipher.seal(plain, sealed, key);
                sealed.flush();
                out.force(true);
                vaultBytes = out.size();
                sealedSha = HexFormat.of().formatHex(plain.getMessageDigest().digest());
            }
            Directories.sync(store.folder());
            if (!sealedSha.equals(facts.sha256())) {
                throw new IsolationRefusedException(path + " has changed since it was hashed (its SHA-256 is now "
                        + sealedSha + "); it was left in place and is checked again at the next scan");
            }
            steps.reached(itemId, VaultStep.SEALED);
            String opened = openedSha256(store.part(itemId), key);
            if (!opened.equals(facts.sha256())) {
                throw new IOException("the sealed item did not open to the file's SHA-256 (" + opened + "); the "
                        + "file was left in place");
            }
            steps.reached(itemId, VaultStep.VERIFIED);
            item = new QuarantineItem(itemId, facts, matches, now, wrapped, KeyWrap.fingerprint(evidenceKey.get()),
                    vaultBytes);
            store.writeRecord(new VaultRecord(item, original,
                    List.of(new CustodyEntry(now, "isolated", why(matches, commandId)))));
            BasicFileAttributes still = regularFile(path);
            if (still.size() != before.size() || !still.lastModifiedTime().equals(before.lastModifiedTime())) {
                throw new IsolationRefusedException(path + " was written to while it was being sealed; it was left "
                        + "in place and is checked again at the next scan");
            }
            Files.move(store.part(itemId), store.sealed(itemId), StandardCopyOption.ATOMIC_MOVE);
            Directories.sync(store.folder());
            steps.reached(itemId, VaultStep.STORED);
            writeNote(path, noteTemp, note.text(itemId, now), original);
            steps.reached(itemId, VaultStep.NOTED);
        } catch (IsolationRefusedException | IOException | RuntimeException e) {
            if (!isNoteFor(path, itemId)) {
                undoIsolation(itemId, noteTemp); // the file is still whole at its path
            } // else the note is in place and the item whole: the journal lets recover() finish
            throw e;
        }
        record(new QuarantineChange(itemId, QuarantineChange.Action.ISOLATED, item, commandId,
                "isolated from " + path + "; the note is at its path"));
        steps.reached(itemId, VaultStep.RECORDED);
        store.delete(store.journalFile(itemId));
        LOG.info("Isolated {} as vault item {}", path, itemId);
        return item;
    }

    /**
     * Restores an item to its path with its times, owner and mode, then removes it from the vault.
     *
     * @param key the item key the console unwrapped for this release; used here only, never stored or logged
     * @return what was done, for the command result
     */
    public synchronized String release(String itemId, SecretKey key, String commandId)
            throws VaultRefusedException, IOException {
        if (hold.active()) {
            throw new VaultRefusedException("release refused: " + ON_HOLD);
        }
        VaultRecord record = existing(itemId);
        Path path = Path.of(record.item().facts().path());
        if (!Files.isDirectory(path.getParent())) {
            throw new VaultRefusedException("the folder " + path.getParent() + " no longer exists; the item stays in "
                    + "the vault. Recreate the folder (or ask for the item to be exported) and release again");
        }
        UserFolder folder;
        try {
            folder = UserFolder.open(path.getParent());
        } catch (IOException e) {
            throw new VaultRefusedException(e.getMessage() + "; the item stays in the vault");
        }
        try (folder) {
            return release(itemId, key, commandId, record, path, folder);
        }
    }

    /** The release itself, every write into the item's folder made through {@code folder}. */
    private String release(String itemId, SecretKey key, String commandId, VaultRecord record, Path path,
                           UserFolder folder) throws VaultRefusedException, IOException {
        Instant now = clock.instant();
        boolean pathIsOurs = !Files.exists(path, LinkOption.NOFOLLOW_LINKS) || isNoteFor(path, itemId);
        Path target = pathIsOurs ? path : beside(path, now, itemId);
        Path temporary = sideFile(path, itemId, "restore");
        store.writeJournal(new JournalEntry(itemId, JournalEntry.Operation.RELEASE, path.toString(),
                temporary.toString(), target.toString(), record.item().facts().sha256(), commandId, now));
        steps.reached(itemId, VaultStep.JOURNALLED);
        try {
            String restored;
            try (FileChannel in = FileChannel.open(store.sealed(itemId), StandardOpenOption.READ);
                 FileChannel out = folder.create(temporary.getFileName().toString(), VaultStore.ownerOnly())) {
                DigestOutputStream plain = new DigestOutputStream(
                        new BufferedOutputStream(Channels.newOutputStream(out), BUFFER), sha256());
                VaultCipher.open(Channels.newInputStream(in), plain, key);
                plain.flush();
                out.force(true);
                restored = HexFormat.of().formatHex(plain.getMessageDigest().digest());
            } catch (VaultCipher.VaultIntegrityException e) {
                throw new VaultRefusedException("the key sent with the release does not open item " + itemId + " ("
                        + e.getMessage() + "); the item stays in the vault");
            }
            if (!restored.equals(record.item().facts().sha256())) {
                throw new VaultRefusedException("item " + itemId + " opened to SHA-256 " + restored + ", not the "
                        + record.item().facts().sha256() + " taken before isolation; it stays in the vault");
            }
            restoreAttributes(folder, temporary.getFileName().toString(), record.original());
            steps.reached(itemId, VaultStep.RESTORED);
        } catch (VaultRefusedException | IOException | RuntimeException e) {
            folder.deleteIfExists(temporary.getFileName().toString());
            store.delete(store.journalFile(itemId));
            throw e;
        }
        // the same rename either way: over the note when the path is ours, to a new name beside it when not
        folder.rename(temporary.getFileName().toString(), target.getFileName().toString());
        Directories.sync(target.getParent());
        steps.reached(itemId, VaultStep.RENAMED);
        removeItem(itemId);
        steps.reached(itemId, VaultStep.REMOVED);
        String detail = pathIsOurs ? "restored to " + path + " with its times"
                : path + " now holds another file, so the item was restored beside it as " + target;
        record(new QuarantineChange(itemId, QuarantineChange.Action.RELEASED, null, commandId, detail));
        steps.reached(itemId, VaultStep.RECORDED);
        store.delete(store.journalFile(itemId));
        LOG.info("Released vault item {}: {}", itemId, detail);
        return detail;
    }

    /**
     * Destroys an item's wrapped key and ciphertext, only when the DSL has confirmed both conditions of §11.2.
     *
     * @return what was done, for the command result
     */
    public synchronized String destroy(String itemId, boolean noOtherAgencyNeeded,
                                       boolean noRiskToChildOrInvestigation, String commandId)
            throws VaultRefusedException, IOException {
        if (!noOtherAgencyNeeded || !noRiskToChildOrInvestigation) {
            throw new VaultRefusedException("destroy refused: the DSL must confirm both that other agencies do not "
                    + "need to be involved and that deletion places no child at risk and compromises no "
                    + "investigation (§11.2); nothing was deleted");
        }
        if (hold.active()) {
            throw new VaultRefusedException("destroy refused: " + ON_HOLD);
        }
        existing(itemId);
        // The wrapped key first: without it the ciphertext cannot be opened even if its blocks survive on disk.
        store.delete(store.recordFile(itemId));
        store.delete(store.sealed(itemId));
        String detail = "the item's wrapped key and ciphertext were deleted from the device. On SSDs and flash, "
                + "deletion is what can be promised, not overwriting: the item key existed only wrapped for the "
                + "console's evidence key, so once the console deletes its copy of the record nothing can open "
                + "what may remain on the disk";
        record(new QuarantineChange(itemId, QuarantineChange.Action.DESTROYED, null, commandId, detail));
        LOG.info("Destroyed vault item {}", itemId);
        return detail;
    }

    /** Every complete item's record: metadata only. */
    public List<VaultRecord> list() throws IOException {
        return store.records();
    }

    /** Adds a custody entry to an item's record (an evidence export). */
    synchronized void addCustody(String itemId, CustodyEntry entry) throws IOException {
        Optional<VaultRecord> record = store.record(itemId);
        if (record.isPresent()) {
            store.writeRecord(record.get().with(entry));
        }
    }

    /**
     * Finishes or undoes every move the journal holds (a crash interrupted it), records RECOVERED for each, and
     * clears debris that holds no content anyone can read. Run at start, before anything else uses the vault.
     */
    public synchronized void recover() throws IOException {
        store.prepare();
        for (JournalEntry entry : store.journal()) {
            try {
                if (entry.operation() == JournalEntry.Operation.ISOLATE) {
                    recoverIsolation(entry);
                } else {
                    recoverRelease(entry);
                }
                store.delete(store.journalFile(entry.itemId()));
            } catch (IOException e) {
                // The journal entry stays, so the next start tries again; the other entries and the agent go on.
                LOG.error("Vault recovery of item {} could not finish ({}); it is tried again at the next start",
                        entry.itemId(), e.getMessage());
            }
        }
        for (String id : store.ids(".part")) {
            store.delete(store.part(id)); // a seal with no journal: its key is gone, and the file never moved
        }
        if (!hold.active()) {
            for (String id : store.ids(".ngv")) {
                if (!Files.exists(store.recordFile(id))) {
                    // A destroy interrupted after its key was deleted: nothing can open it; finish the deletion.
                    store.delete(store.sealed(id));
                    record(new QuarantineChange(id, QuarantineChange.Action.RECOVERED, null, null,
                            "an interrupted destroy was finished: the ciphertext left without its key was deleted"));
                }
            }
        }
    }

    private void recoverIsolation(JournalEntry entry) throws IOException {
        String id = entry.itemId();
        Path path = Path.of(entry.path());
        store.delete(Path.of(entry.sideFile()));
        Optional<VaultRecord> record = Files.exists(store.sealed(id)) ? store.record(id) : Optional.empty();
        if (record.isEmpty()) {
            undoIsolation(id, Path.of(entry.sideFile()));
            recovered(id, entry.commandId(), "an isolation of " + path + " was interrupted before the item was "
                    + "stored; it was undone and the file is still at its path");
            return;
        }
        String detail;
        if (isNoteFor(path, id)) {
            detail = "the isolation of " + path + " had finished when the agent stopped";
        } else if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                || (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && entry.sha256().equals(sha256Of(path)))) {
            writeNote(path, Path.of(entry.sideFile()), notes.current().text(id, record.get().item().isolatedAt()),
                    record.get().original());
            detail = "an isolation of " + path + " was interrupted after the item was stored; it was finished and "
                    + "the note written";
        } else {
            // Someone put a new file there since: it is not the flagged one, and the flagged one is safe here.
            detail = "an isolation of " + path + " was interrupted after the item was stored; the path now holds a "
                    + "different file, which was left there, and the item is whole in the vault";
        }
        store.writeRecord(record.get().with(new CustodyEntry(clock.instant(), "recovered", detail)));
        // ISOLATED again: the crash may have come before it was recorded; the console keeps one per item.
        record(new QuarantineChange(id, QuarantineChange.Action.ISOLATED, record.get().item(), entry.commandId(),
                detail));
        recovered(id, entry.commandId(), detail);
    }

    private void recoverRelease(JournalEntry entry) throws IOException {
        String id = entry.itemId();
        Path temporary = Path.of(entry.sideFile());
        Path target = Path.of(entry.target());
        boolean renamed = !Files.exists(temporary, LinkOption.NOFOLLOW_LINKS)
                && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && !isNoteFor(target, id)
                && entry.sha256().equals(sha256Of(target));
        if (!Files.exists(store.sealed(id)) || renamed) {
            store.delete(temporary);
            removeItem(id);
            String detail = "a release was interrupted after the file was back at " + target + "; it was finished";
            record(new QuarantineChange(id, QuarantineChange.Action.RELEASED, null, entry.commandId(), detail));
            recovered(id, entry.commandId(), detail);
            return;
        }
        store.delete(temporary); // plain content must not outlive the release that wrote it
        recovered(id, entry.commandId(), "a release was interrupted before the file was back at its path; it was "
                + "undone: the item is whole in the vault and the note at " + entry.path() + ". The console can "
                + "send the release again");
    }

    private void recovered(String itemId, String commandId, String detail) throws IOException {
        LOG.warn("Vault recovery, item {}: {}", itemId, detail);
        record(new QuarantineChange(itemId, QuarantineChange.Action.RECOVERED, null, commandId, detail));
    }

    private void undoIsolation(String itemId, Path noteTemp) throws IOException {
        store.delete(noteTemp);
        store.delete(store.sealed(itemId));
        store.delete(store.part(itemId));
        store.delete(store.recordFile(itemId));
        store.delete(store.journalFile(itemId));
    }

    private void removeItem(String itemId) throws IOException {
        store.delete(store.sealed(itemId));
        store.delete(store.recordFile(itemId));
    }

    private VaultRecord existing(String itemId) throws VaultRefusedException, IOException {
        if (!VaultStore.isItemId(itemId)) {
            throw new VaultRefusedException("'" + itemId + "' is not a vault item id");
        }
        Optional<VaultRecord> record = store.record(itemId);
        if (record.isEmpty() || !Files.isRegularFile(store.sealed(itemId))) {
            throw new VaultRefusedException("this device's vault holds no item " + itemId + " (it may have been "
                    + "released or destroyed already)");
        }
        return record.get();
    }

    private void record(QuarantineChange change) throws IOException {
        outbox.append(QuarantineChange.TYPE, json.valueToTree(change));
    }

    private void writeNote(Path path, Path noteTemp, byte[] text, OriginalAttributes original) throws IOException {
        // The agent writes as root into the user's folder: every step is made through UserFolder, so a folder
        // swapped for a link cannot steer the note anywhere else.
        String name = path.getFileName().toString();
        String temporary = noteTemp.getFileName().toString();
        try (UserFolder folder = UserFolder.open(path.getParent())) {
            folder.deleteIfExists(temporary);
            try (FileChannel channel = posix()
                    ? folder.create(temporary,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")))
                    : folder.create(temporary)) {
                ByteBuffer buffer = ByteBuffer.wrap(text);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (original.owner() != null) {
                try {
                    UserPrincipalLookupService lookup = noteTemp.getFileSystem().getUserPrincipalLookupService();
                    folder.view(temporary, FileOwnerAttributeView.class)
                            .setOwner(lookup.lookupPrincipalByName(original.owner()));
                } catch (IOException e) {
                    LOG.warn("The note for {} keeps the agent as its owner: {}", path, e.getMessage());
                }
            }
            folder.rename(temporary, name);
        }
        Directories.sync(path.getParent());
    }

    private static void restoreAttributes(UserFolder folder, String name, OriginalAttributes original)
            throws IOException {
        Path file = folder.path().resolve(name); // for messages and the account lookup only
        UserPrincipalLookupService lookup = file.getFileSystem().getUserPrincipalLookupService();
        if (original.owner() != null) {
            try {
                folder.view(name, FileOwnerAttributeView.class).setOwner(lookup.lookupPrincipalByName(original.owner()));
            } catch (IOException e) {
                LOG.warn("Restored {} keeps the agent as owner: account {} not found ({})", file, original.owner(),
                        e.getMessage());
            }
        }
        PosixFileAttributeView posix = posix() ? folder.view(name, PosixFileAttributeView.class) : null;
        if (posix != null && original.group() != null) {
            try {
                GroupPrincipal group = lookup.lookupPrincipalByGroupName(original.group());
                posix.setGroup(group);
            } catch (IOException e) {
                LOG.warn("Restored {} keeps the agent's group: group {} not found", file, original.group());
            }
        }
        if (posix != null && original.permissions() != null) {
            posix.setPermissions(PosixFilePermissions.fromString(original.permissions()));
        }
        // Times last: changing owner or mode does not touch them, but writing would.
        folder.view(name, BasicFileAttributeView.class).setTimes(
                FileTime.from(original.modified()),
                original.accessed() == null ? null : FileTime.from(original.accessed()),
                original.created() == null ? null : FileTime.from(original.created()));
    }

    private static OriginalAttributes attributesOf(Path path, BasicFileAttributes basic) throws IOException {
        String owner = null;
        String group = null;
        String permissions = null;
        if (posix()) {
            PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            owner = attributes.owner().getName();
            group = attributes.group().getName();
            permissions = PosixFilePermissions.toString(attributes.permissions());
        } else {
            owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
        }
        Instant created = basic.creationTime().toInstant();
        // Linux without statx birth time reports the modification time as creation time: not a real one.
        boolean realCreation = !created.equals(basic.lastModifiedTime().toInstant());
        return new OriginalAttributes(owner, group, permissions, basic.lastModifiedTime().toInstant(),
                basic.lastAccessTime().toInstant(), realCreation ? created : null);
    }

    private static BasicFileAttributes regularFile(Path path) throws IsolationRefusedException, IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new IsolationRefusedException(path + " no longer exists; nothing was isolated");
        }
        if (!attributes.isRegularFile()) {
            throw new IsolationRefusedException(path + " is not a regular file (" + (attributes.isSymbolicLink()
                    ? "a symbolic link" : "a folder or device") + "); only files are isolated");
        }
        return attributes;
    }

    private static boolean isNoteFor(Path path, String itemId) throws IOException {
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
            byte[] head = in.readNBytes(IsolationNote.MAX_BYTES + 1);
            return IsolationNote.isNoteFor(head, itemId);
        }
    }

    /** A name beside a taken path that says what it is: {@code report.pdf} → {@code report (restored ...).pdf}. */
    static Path beside(Path path, Instant now, String itemId) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        Path candidate = path.resolveSibling(stem + " (restored " + RESTORED_STAMP.format(now) + ")" + extension);
        if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
            candidate = path.resolveSibling(stem + " (restored " + itemId + ")" + extension);
        }
        return candidate;
    }

    /** A hidden temporary beside {@code path}, named by item so recovery finds it; same folder: renames are atomic. */
    static Path sideFile(Path path, String itemId, String kind) {
        return path.resolveSibling(".nestguard-" + kind + "-" + itemId + ".tmp");
    }

    private static String openedSha256(Path sealed, SecretKey key) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(sealed);
             OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            VaultCipher.open(in, sink, key);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256Of(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buffer = new byte[BUFFER];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String why(List<FileRuleMatch> matches, String commandId) {
        String rules = matches.stream().map(m -> m.source() + " " + m.name() + " (" + m.matched() + ")")
                .collect(Collectors.joining("; "));
        return (commandId == null ? "by policy: " : "by console command " + commandId + ": ") + rules;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** The bytes a file had when its channel was opened, and no more. */
    private static final class AsOpened extends java.io.FilterInputStream {
        private long left;

        AsOpened(FileChannel channel) throws IOException {
            super(Channels.newInputStream(channel));
            this.left = channel.size();
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(into, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
