package org.nestguard.agent.files;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.nestguard.protocol.files.FileKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent index of watched files, so a rescan hashes only new or changed files. Held in memory as a map
 * and saved whole as a compact binary snapshot (about 130 bytes a file plus its path), written to a temporary file,
 * fsync'd and renamed: a crash leaves the previous snapshot or the new one. A lost snapshot costs only hashing
 * again (and possibly a repeated flag, never a missed one). Thread-safe: the watcher and the rescan share it.
 */
public final class FileIndex {
    private static final Logger LOG = LoggerFactory.getLogger(FileIndex.class);
    private static final int MAGIC = 0x4E474649; // "NGFI"
    private static final int VERSION = 1;
    private static final FileKind[] KINDS = FileKind.values();

    private final Path file;
    private final Map<String, IndexEntry> entries;
    private boolean dirty;

    private FileIndex(Path file, Map<String, IndexEntry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** An index kept only in memory (the {@code scan} command). */
    public static FileIndex inMemory() {
        return new FileIndex(null, new HashMap<>());
    }

    /** Reads the snapshot at {@code file}, or starts empty when there is none or it is damaged (said in the log). */
    public static FileIndex open(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new FileIndex(file, new HashMap<>());
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return new FileIndex(file, read(new DataInputStream(in)));
        } catch (IOException | IllegalArgumentException e) {
            // EOF (cut short), bad UTF-8, unknown version: the index is a cache of what hashing gives again
            LOG.error("The file index {} is damaged ({}); every watched file will be hashed again", file,
                    e.getMessage());
            return new FileIndex(file, new HashMap<>());
        }
    }

    public synchronized IndexEntry get(String path) {
        return entries.get(path);
    }

    public synchronized void put(IndexEntry entry) {
        entries.put(entry.path(), entry);
        dirty = true;
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Removes every entry {@code gone} accepts; returns how many. */
    public synchronized int removeIf(Predicate<IndexEntry> gone) {
        int before = entries.size();
        entries.values().removeIf(gone);
        int removed = before - entries.size();
        dirty |= removed > 0;
        return removed;
    }

    /** A copy of the entries, for queries outside the lock. */
    public synchronized List<IndexEntry> entries() {
        return new ArrayList<>(entries.values());
    }

    /** Writes the snapshot if anything changed since the last one. */
    public synchronized void save() throws IOException {
        if (file == null || !dirty) {
            return;
        }
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream stream = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            DataOutputStream out = new DataOutputStream(stream);
            write(out);
            out.flush();
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        dirty = false;
    }

    private void write(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(entries.size());
        for (IndexEntry e : entries.values()) {
            out.writeUTF(e.path());
            out.writeLong(e.size());
            out.writeLong(e.modifiedNanos());
            out.writeUTF(e.fileKey() == null ? "" : e.fileKey());
            out.writeByte(e.kind().ordinal());
            Digests d = e.digests();
            int flags = (d.sha1() != null ? 1 : 0) | (d.md5() != null ? 2 : 0) | (e.flaggedSha256() != null ? 4 : 0);
            out.writeByte(flags);
            out.write(d.sha256());
            if (d.sha1() != null) {
                out.write(d.sha1());
            }
            if (d.md5() != null) {
                out.write(d.md5());
            }
            if (e.flaggedSha256() != null) {
                out.write(e.flaggedSha256());
            }
        }
    }

    private static Map<String, IndexEntry> read(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != VERSION) {
            throw new IllegalArgumentException("not a file index of this agent version");
        }
        int count = in.readInt();
        if (count < 0) {
            throw new IllegalArgumentException("negative entry count");
        }
        Map<String, IndexEntry> entries = new HashMap<>(Math.max(16, count * 4 / 3 + 1));
        for (int i = 0; i < count; i++) {
            String path = in.readUTF();
            long size = in.readLong();
            long modified = in.readLong();
            String key = in.readUTF();
            int kind = in.readUnsignedByte();
            if (kind >= KINDS.length) {
                throw new IllegalArgumentException("unknown kind " + kind + " at entry " + i);
            }
            int flags = in.readUnsignedByte();
            byte[] sha256 = bytes(in, 32);
            byte[] sha1 = (flags & 1) != 0 ? bytes(in, 20) : null;
            byte[] md5 = (flags & 2) != 0 ? bytes(in, 16) : null;
            byte[] flagged = (flags & 4) != 0 ? bytes(in, 32) : null;
            entries.put(path, new IndexEntry(path, size, modified, key.isEmpty() ? null : key, KINDS[kind],
                    new Digests(sha256, sha1, md5), flagged));
        }
        return entries;
    }

    private static byte[] bytes(DataInputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
