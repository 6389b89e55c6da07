package org.nestguard.agent.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The file system root that probes read from: "/" on a live machine, a folder in tests or a mounted
 * disk image with {@code --root}. Every file a probe reads goes through here.
 */
public final class HostRoot {
    /** The most a user's own settings file may hold: a kscreenlockerrc or a desktop entry is a few kilobytes. */
    public static final int MAX_USER_FILE_BYTES = 1 << 20;

    private final Path root;

    public HostRoot(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static HostRoot live() {
        return new HostRoot(Path.of("/"));
    }

    public boolean isLive() {
        return root.getParent() == null;
    }

    public Path root() {
        return root;
    }

    /** Maps an absolute path of the inspected system (for example {@code /etc/shadow}) to the real file. */
    public Path resolve(String absolutePath) {
        String relative = absolutePath.startsWith("/") ? absolutePath.substring(1) : absolutePath;
        return relative.isEmpty() ? root : root.resolve(relative);
    }

    public boolean exists(String absolutePath) {
        return Files.exists(resolve(absolutePath));
    }

    /** Reads a text file, or empty when it does not exist. */
    public Optional<String> readIfExists(String absolutePath) throws ProbeException {
        Path file = resolve(absolutePath);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(read(absolutePath));
    }

    public String read(String absolutePath) throws ProbeException {
        Path file = resolve(absolutePath);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ProbeException("no permission to read " + absolutePath + "; run the agent as root", e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ProbeException(absolutePath + " does not exist", e);
        } catch (IOException e) {
            throw new ProbeException("could not read " + absolutePath + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a file in a user's home folder, or empty when there is none. Its user can put anything there and the
     * agent reads as root, so it is read only when it is a regular file of at most {@link #MAX_USER_FILE_BYTES},
     * opened without following a link: a link could lead to another account's file or {@code /dev/zero}, a named
     * pipe would block the agent for ever, and a sparse file of gigabytes would fill its heap.
     *
     * @throws ProbeException saying what the file is, when it is not read
     */
    public Optional<String> readUserFileIfExists(String absolutePath) throws ProbeException {
        Path file = resolve(absolutePath);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ProbeException("could not read " + absolutePath + ": " + e.getMessage(), e);
        }
        if (!attributes.isRegularFile()) {
            throw new ProbeException(absolutePath + " is " + (attributes.isSymbolicLink() ? "a symbolic link"
                    : attributes.isDirectory() ? "a folder" : "a pipe, socket or device") + ", not a file; a user's"
                    + " own file of that kind is not read");
        }
        if (attributes.size() > MAX_USER_FILE_BYTES) {
            throw new ProbeException(absolutePath + " holds " + attributes.size() + " bytes, more than the "
                    + MAX_USER_FILE_BYTES + " a settings file of a user may have here; it is not read");
        }
        // Swapped for a pipe between the check above and this open, the open would still wait for a writer: the
        // window is that of two system calls, where without the check a pipe left in place stopped the agent.
        try (SeekableByteChannel channel = Files.newByteChannel(file,
                Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
             InputStream in = Channels.newInputStream(channel)) {
            byte[] bytes = in.readNBytes(MAX_USER_FILE_BYTES + 1);
            if (bytes.length > MAX_USER_FILE_BYTES) {
                throw new ProbeException(absolutePath + " grew past " + MAX_USER_FILE_BYTES + " bytes while it was"
                        + " read; it is not read");
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ProbeException("no permission to read " + absolutePath + "; run the agent as root", e);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ProbeException("could not read " + absolutePath + ": " + e.getMessage(), e);
        }
    }

    public List<String> readLines(String absolutePath) throws ProbeException {
        return read(absolutePath).lines().toList();
    }
}
