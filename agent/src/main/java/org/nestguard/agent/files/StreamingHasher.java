package org.nestguard.agent.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.nestguard.protocol.files.FileKind;

/**
 * The JDK's digests over one read of the file with a large buffer: SHA-256 always (the JDK's has CPU intrinsics),
 * SHA-1 and MD5 when asked. The first bytes go to {@link KindSniffer} on the way, so kind costs no extra read.
 * The file is opened without following a symbolic link, so a link swapped in after the walk is not read.
 */
public final class StreamingHasher implements FileHasher {
    static final int BUFFER_BYTES = 1 << 20;

    // One buffer per thread: scans run on one thread each, and a 1 MiB buffer per file would churn the heap.
    private final ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocate(BUFFER_BYTES));

    @Override
    public HashedFile hash(Path file, DigestSet wanted) throws IOException {
        MessageDigest sha256 = digest("SHA-256");
        MessageDigest sha1 = wanted.sha1() ? digest("SHA-1") : null;
        MessageDigest md5 = wanted.md5() ? digest("MD5") : null;
        ByteBuffer buffer = buffers.get();
        byte[] head = null;
        long total = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            // The file's size when opened: one its owner keeps growing ends here, not never (a rescan sees the rest).
            long size = channel.size();
            while (total < size) {
                buffer.clear();
                if (size - total < buffer.capacity()) {
                    buffer.limit((int) (size - total));
                }
                int read = channel.read(buffer);
                if (read < 0) {
                    break;
                }
                if (read == 0) {
                    continue;
                }
                byte[] array = buffer.array();
                if (head == null || head.length < KindSniffer.HEAD_BYTES && total < KindSniffer.HEAD_BYTES) {
                    head = appendHead(head, array, read);
                }
                sha256.update(array, 0, read);
                if (sha1 != null) {
                    sha1.update(array, 0, read);
                }
                if (md5 != null) {
                    md5.update(array, 0, read);
                }
                total += read;
            }
        }
        Digests digests = new Digests(sha256.digest(), sha1 == null ? null : sha1.digest(),
                md5 == null ? null : md5.digest());
        FileKind kind = KindSniffer.kindOf(head == null ? new byte[0] : head, file.getFileName().toString());
        return new HashedFile(digests, kind, total);
    }

    private static byte[] appendHead(byte[] head, byte[] array, int read) {
        int have = head == null ? 0 : head.length;
        int take = Math.min(read, KindSniffer.HEAD_BYTES - have);
        byte[] grown = head == null ? new byte[take] : Arrays.copyOf(head, have + take);
        System.arraycopy(array, 0, grown, have, take);
        return grown;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no " + algorithm, e);
        }
    }
}
