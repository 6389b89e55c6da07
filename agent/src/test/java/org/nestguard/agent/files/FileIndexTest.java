package org.nestguard.agent.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.protocol.files.FileKind;

class FileIndexTest {
    @TempDir
    Path temp;

    static IndexEntry entry(String path, int seed, boolean sha1, boolean md5) {
        byte[] a = new byte[32];
        Arrays.fill(a, (byte) seed);
        return new IndexEntry(path, seed, 1_700_000_000_123_456_789L + seed, seed % 2 == 0 ? null : "(dev=801,ino="
                + seed + ")", FileKind.values()[seed % FileKind.values().length],
                new Digests(a, sha1 ? new byte[20] : null, md5 ? new byte[16] : null), seed == 3 ? a : null);
    }

    @Test
    void snapshotRoundTripsEveryField() throws Exception {
        Path file = temp.resolve("state/file-index.bin");
        FileIndex index = FileIndex.open(file);
        for (int i = 0; i < 5; i++) {
            index.put(entry("/home/a/Downloads/f" + i + " ünïcode", i, i % 2 == 0, i % 3 == 0));
        }
        index.save();
        FileIndex read = FileIndex.open(file);
        assertEquals(5, read.size());
        for (int i = 0; i < 5; i++) {
            IndexEntry want = entry("/home/a/Downloads/f" + i + " ünïcode", i, i % 2 == 0, i % 3 == 0);
            IndexEntry got = read.get(want.path());
            assertEquals(want.size(), got.size());
            assertEquals(want.modifiedNanos(), got.modifiedNanos());
            assertEquals(want.fileKey(), got.fileKey());
            assertEquals(want.kind(), got.kind());
            assertEquals(want.digests(), got.digests());
            assertArrayEquals(want.flaggedSha256(), got.flaggedSha256());
        }
        assertTrue(read.get("/home/a/Downloads/f3 ünïcode").alreadyFlagged());
        assertFalse(read.get("/home/a/Downloads/f1 ünïcode").alreadyFlagged());
        assertFalse(Files.exists(file.resolveSibling("file-index.bin.tmp")), "the temporary file was renamed");
    }

    @Test
    void aDamagedSnapshotMeansHashingAgainNotAFailure() throws Exception {
        Path file = temp.resolve("file-index.bin");
        FileIndex index = FileIndex.open(file);
        for (int i = 0; i < 3; i++) {
            index.put(entry("/f" + i, i, true, true));
        }
        index.save();
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 10)); // torn write: impossible with rename, but a
        assertEquals(0, FileIndex.open(file).size());              // disk can still damage it
        Files.write(file, "not an index at all".getBytes());
        assertEquals(0, FileIndex.open(file).size());
        // a temporary file left by a crash before the rename is ignored and overwritten
        Files.write(file, whole);
        Files.writeString(temp.resolve("file-index.bin.tmp"), "half");
        FileIndex reopened = FileIndex.open(file);
        assertEquals(3, reopened.size());
        reopened.put(entry("/f9", 9, false, false));
        reopened.save();
        assertEquals(4, FileIndex.open(file).size());
        assertNull(FileIndex.open(temp.resolve("none.bin")).get("/f1"));
    }
}
