package org.nestguard.agent.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a small file that an account owns (a settings file in its home), which it can replace with anything while
 * the agent reads as root or SYSTEM. It is read only when it is a regular file of at most a given size, opened
 * without following a link: a link could lead to another account's file or {@code /dev/zero}, a named pipe would
 * block the agent for ever, and a sparse file of gigabytes would fill its heap.
 */
public final class UserFile {
    private UserFile() {
    }

    /**
     * The file's bytes, or empty when there is no such file.
     *
     * @throws IOException saying what the file is when it is not read, or why it could not be
     */
    public static Optional<byte[]> read(Path file, int maxBytes) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!attributes.isRegularFile()) {
            throw new IOException(file + " is " + (attributes.isSymbolicLink() ? "a symbolic link"
                    : attributes.isDirectory() ? "a folder" : "a pipe, socket or device") + ", not a file; a user's"
                    + " own file of that kind is not read");
        }
        if (attributes.size() > maxBytes) {
            throw new IOException(file + " holds " + attributes.size() + " bytes, more than the " + maxBytes
                    + " a settings file of a user may have here; it is not read");
        }
        // Swapped for a pipe between the check above and this open, the open would still wait for a writer: the
        // window is that of two system calls, where without the check a pipe left in place stopped the agent.
        try (SeekableByteChannel channel = Files.newByteChannel(file,
                Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
             InputStream in = Channels.newInputStream(channel)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new IOException(file + " grew past " + maxBytes + " bytes while it was read; it is not read");
            }
            return Optional.of(bytes);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
