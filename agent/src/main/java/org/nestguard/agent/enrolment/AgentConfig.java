package org.nestguard.agent.enrolment;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The installer-written configuration ({@code /etc/nestguard/agent.yaml}, {@code %ProgramData%\Nestguard\agent.yaml}):
 * which console to enrol with on first start, the enrolment token, the console CA's fingerprint and the data folder.
 *
 * @param console the console's URL, {@code https://HOST:PORT}
 * @param token the enrolment token; may be empty once the device is enrolled
 * @param caFingerprint the SHA-256 fingerprint of the console's CA
 * @param data the agent's data folder, or null for {@link AgentHome#defaultRoot()}
 */
public record AgentConfig(String console, String token, String caFingerprint, Path data) {
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    /** The file as written: field names as an operator types them. */
    private record File(@JsonProperty("console") String console, @JsonProperty("token") String token,
                        @JsonProperty("caFingerprint") String caFingerprint, @JsonProperty("data") String data) {
    }

    /** Whether an enrolment token is set (it is needed only while the device is not enrolled). */
    public boolean hasToken() {
        return token != null && !token.isBlank();
    }

    /** The data folder this configuration names, or the platform's default. */
    public Path dataOrDefault() {
        return Optional.ofNullable(data).orElseGet(AgentHome::defaultRoot);
    }

    /**
     * Reads and checks the file. A token in a file that other accounts can read is refused: it would let any
     * local user enrol a device of their own into the setting.
     *
     * @throws InvalidConfigException naming the file, the field and what was expected
     */
    public static AgentConfig read(Path file) throws InvalidConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidConfigException(file + " does not exist; the installer writes it, or create it with "
                    + "console, token, caFingerprint and data (see installers/README.md)");
        } catch (IOException e) {
            throw new InvalidConfigException(file + " cannot be read: " + e.getMessage());
        }
        File raw;
        try {
            raw = text.isBlank() ? null : YAML.readValue(text, File.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidConfigException(file + " line " + lineOf(text, e.getPropertyName())
                    + ": unknown field '" + e.getPropertyName()
                    + "'; the fields are console, token, caFingerprint and data");
        } catch (JacksonException e) {
            throw new InvalidConfigException(file + " line " + line(e) + " is not a YAML mapping of console, token, "
                    + "caFingerprint and data: " + e.getOriginalMessage());
        }
        if (raw == null) {
            throw new InvalidConfigException(file + " is empty; it needs console, token, caFingerprint and data");
        }
        require(file, "console", raw.console(), "the console's URL, e.g. https://console.school.example:8443");
        require(file, "caFingerprint", raw.caFingerprint(),
                "the SHA-256 fingerprint the console printed as 'CA fingerprint (SHA-256)'");
        AgentConfig config = new AgentConfig(raw.console().strip(), raw.token() == null ? "" : raw.token().strip(),
                raw.caFingerprint().strip(), raw.data() == null || raw.data().isBlank() ? null : Path.of(raw.data()));
        if (config.hasToken()) {
            refuseIfOthersCanRead(file);
        }
        return config;
    }

    /**
     * Writes this configuration to {@code file}, owner-only on POSIX from the moment it exists (it holds the token);
     * on Windows the MSI has already restricted the folder to SYSTEM and Administrators, and the file inherits that.
     */
    public void write(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        byte[] yaml = ("# Nestguard agent configuration. The token is used once, on the first start, and is a secret:\n"
                + "# keep this file readable by the agent's account only.\n"
                + YAML.writeValueAsString(new File(console, token, caFingerprint,
                data == null ? null : data.toString())).replaceFirst("^---\\s*\n", ""))
                .getBytes(StandardCharsets.UTF_8);
        new AgentHome(folder).writeAtomically(file.toAbsolutePath(), yaml, true);
    }

    private static void require(Path file, String field, String value, String expected) throws InvalidConfigException {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigException(file + ": field '" + field + "' is missing or empty; it must be "
                    + expected);
        }
    }

    private static void refuseIfOthersCanRead(Path file) throws InvalidConfigException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return; // On Windows the MSI sets the ACL of %ProgramData%\Nestguard instead.
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.stream().anyMatch(OTHERS::contains)) {
                throw new InvalidConfigException(file + " holds an enrolment token but other accounts can access it; "
                        + "run 'chmod 600 " + file + "' (owner root) and start the agent again");
            }
        } catch (IOException e) {
            throw new InvalidConfigException(file + ": its permissions cannot be read: " + e.getMessage());
        }
    }

    /** The parser reports where it stopped, past the field; the operator needs the field's own line. */
    private static int lineOf(String text, String field) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].stripLeading().startsWith(field + ":")) {
                return i + 1;
            }
        }
        return 0;
    }

    private static String line(JacksonException e) {
        JsonLocation at = e.getLocation();
        return at == null ? "?" : String.valueOf(at.getLineNr());
    }

    /** A configuration file that cannot be used; the message says what to change. */
    public static final class InvalidConfigException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidConfigException(String message) {
            super(message);
        }
    }
}
