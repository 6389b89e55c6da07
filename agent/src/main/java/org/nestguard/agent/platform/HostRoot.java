package org.nestguard.agent.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
     * Reads a file in a user's home folder, or empty when there is none: as {@link UserFile#read}, at most
     * {@link #MAX_USER_FILE_BYTES}.
     *
     * @throws ProbeException saying what the file is, when it is not read
     */
    public Optional<String> readUserFileIfExists(String absolutePath) throws ProbeException {
        try {
            return UserFile.read(resolve(absolutePath), MAX_USER_FILE_BYTES)
                    .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ProbeException("no permission to read " + absolutePath + "; run the agent as root", e);
        } catch (IOException e) {
            throw new ProbeException(e.getMessage().replace(resolve(absolutePath).toString(), absolutePath), e);
        }
    }

    public List<String> readLines(String absolutePath) throws ProbeException {
        return read(absolutePath).lines().toList();
    }
}
