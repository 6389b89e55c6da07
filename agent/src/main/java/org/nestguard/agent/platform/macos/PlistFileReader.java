package org.nestguard.agent.platform.macos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.UserFile;

/**
 * Reads a plist file through the host root. XML plists are parsed directly; binary ones (they start with
 * {@code bplist00}) are converted by {@code plutil -convert xml1 -o - FILE}, which exists only on a Mac.
 */
public final class PlistFileReader {
    private static final byte[] BINARY_MAGIC = "bplist00".getBytes(StandardCharsets.US_ASCII);
    /** The largest plist read: an app's Info.plist or a preferences file is kilobytes. */
    static final int MAX_PLIST_BYTES = 4 << 20;

    private final CommandRunner runner;
    private final HostRoot root;

    public PlistFileReader(CommandRunner runner, HostRoot root) {
        this.runner = runner;
        this.root = root;
    }

    /** The top-level dict of the plist at absolutePath, or null when the file does not exist. */
    public Map<String, Object> readDictIfExists(String absolutePath) throws ProbeException {
        Path file = root.resolve(absolutePath);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        byte[] bytes;
        try {
            // An app's Info.plist in ~/Applications is its user's to write: read as UserFile reads such a file.
            Optional<byte[]> read = UserFile.read(file, MAX_PLIST_BYTES);
            if (read.isEmpty()) {
                return null;
            }
            bytes = read.get();
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ProbeException("no permission to read " + absolutePath + "; run the agent as root", e);
        } catch (IOException e) {
            throw new ProbeException("could not read " + absolutePath + ": " + e.getMessage(), e);
        }
        if (bytes.length >= BINARY_MAGIC.length
                && Arrays.equals(Arrays.copyOf(bytes, BINARY_MAGIC.length), BINARY_MAGIC)) {
            CommandResult converted = runner.run(List.of("plutil", "-convert", "xml1", "-o", "-", file.toString()),
                    CommandRunner.DEFAULT_TIMEOUT);
            if (!converted.succeeded()) {
                throw new ProbeException(absolutePath + " is a binary plist and '" + converted.commandLine()
                        + "' failed (exit " + converted.exitCode() + "): " + converted.stderr().strip());
            }
            return Plist.parseDict(converted.stdout(), absolutePath);
        }
        return Plist.parseDict(new String(bytes, StandardCharsets.UTF_8), absolutePath);
    }
}
