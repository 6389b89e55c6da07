package org.nestguard.agent.enrolment;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.nestguard.protocol.crypto.Pem;
import org.nestguard.protocol.wire.WireJson;

/**
 * The agent's data folder and the one place that knows its layout: {@code device.key} (PKCS#8, owner-only),
 * {@code device.crt}, {@code ca.crt}, {@code enrolment.json}, {@code policy.yaml} + {@code policy.json},
 * {@code outbox/}, {@code state/} and {@code lists/} (imported classifier lists). Files are replaced by write-to-temporary then rename, so a crash leaves the
 * old or the new file, never half of one.
 */
public final class AgentHome {
    private static final String OWNER_ONLY_FILE = "rw-------";
    private static final String OWNER_ONLY_FOLDER = "rwx------";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path root;
    private final ObjectMapper json = WireJson.mapper();

    public AgentHome(Path root) {
        this.root = root.toAbsolutePath();
    }

    /** Where the agent keeps its data on this operating system when {@code --data} is not given. */
    public static Path defaultRoot() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String programData = System.getenv().getOrDefault("ProgramData", "C:\\ProgramData");
            return Path.of(programData, "Nestguard");
        }
        if (os.startsWith("mac")) {
            return Path.of("/Library/Application Support/Nestguard");
        }
        return Path.of("/var/lib/nestguard");
    }

    public Path root() {
        return root;
    }

    public Path deviceKey() {
        return root.resolve("device.key");
    }

    public Path deviceCertificate() {
        return root.resolve("device.crt");
    }

    public Path caCertificate() {
        return root.resolve("ca.crt");
    }

    public Path enrolmentFile() {
        return root.resolve("enrolment.json");
    }

    public Path policyYaml() {
        return root.resolve("policy.yaml");
    }

    public Path policyVersionFile() {
        return root.resolve("policy.json");
    }

    public Path outbox() {
        return root.resolve("outbox");
    }

    public Path state() {
        return root.resolve("state");
    }

    /** Classifier lists imported with {@code nestguard-agent lists import}. */
    public Path lists() {
        return root.resolve("lists");
    }

    /** The console's evidence public key (PEM) that quarantine item keys are wrapped for. */
    public Path evidenceKey() {
        return root.resolve("evidence-key.pem");
    }

    /** The quarantine vault: sealed items, their records and the journal of unfinished moves (owner-only). */
    public Path vault() {
        return root.resolve("vault");
    }

    /** The device hold and, while locked, each account's state before the lock. */
    public Path holdFile() {
        return state().resolve("hold.json");
    }

    /** Hash lists imported with {@code nestguard-agent hashes import}, for the file scanner. */
    public Path hashLists() {
        return root.resolve("hash-lists");
    }

    /** The file scanner's index of watched files (path, size, times, hashes, kind, flagged). */
    public Path fileIndex() {
        return state().resolve("file-index.bin");
    }

    /** Creates the folder (owner-only on POSIX, since it holds the device key) and {@code state/}. */
    public void create() throws IOException {
        Files.createDirectories(root);
        if (posix()) {
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString(OWNER_ONLY_FOLDER));
        }
        Files.createDirectories(state());
    }

    /** Whether an enrolment has been completed here. */
    public boolean isEnrolled() {
        return Files.isRegularFile(enrolmentFile()) && Files.isRegularFile(deviceKey())
                && Files.isRegularFile(deviceCertificate()) && Files.isRegularFile(caCertificate());
    }

    public Enrolment readEnrolment() throws IOException {
        return json.readValue(enrolmentFile().toFile(), Enrolment.class);
    }

    /** The device key, certificate and pinned CA. */
    public DeviceIdentity readIdentity() {
        return new DeviceIdentity(
                Pem.readPrivateKey(Pem.readFile(deviceKey()), deviceKey().toString()),
                Pem.readCertificate(Pem.readFile(deviceCertificate()), deviceCertificate().toString()),
                Pem.readCertificate(Pem.readFile(caCertificate()), caCertificate().toString()));
    }

    /** The stored policy's YAML text. */
    public String readPolicyYaml() throws IOException {
        return Files.readString(policyYaml(), StandardCharsets.UTF_8);
    }

    /** The stored policy's version, 0 if none is stored. */
    public int readPolicyVersion() throws IOException {
        if (!Files.isRegularFile(policyVersionFile())) {
            return 0;
        }
        return json.readValue(policyVersionFile().toFile(), StoredPolicyVersion.class).version();
    }

    /** Stores a policy; YAML first, so a crash between the two leaves the new text with the old number. */
    public void storePolicy(int version, String yaml) throws IOException {
        writeAtomically(policyYaml(), yaml.getBytes(StandardCharsets.UTF_8), false);
        writeAtomically(policyVersionFile(), json.writeValueAsBytes(new StoredPolicyVersion(version)), false);
    }

    /** Stores the device key where only the agent's account can read it. */
    public void storeDeviceKey(String pkcs8Pem) throws IOException {
        writeAtomically(deviceKey(), pkcs8Pem.getBytes(StandardCharsets.US_ASCII), true);
    }

    public void storeCertificates(String devicePem, String caPem) throws IOException {
        writeAtomically(deviceCertificate(), devicePem.getBytes(StandardCharsets.US_ASCII), false);
        writeAtomically(caCertificate(), caPem.getBytes(StandardCharsets.US_ASCII), false);
    }

    /** Written last by enrolment: its presence says the rest is complete. */
    public void storeEnrolment(Enrolment enrolment) throws IOException {
        writeAtomically(enrolmentFile(), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(enrolment), false);
    }

    /**
     * Moves an existing outbox aside as {@code outbox.previous-<time>}: a new enrolment numbers events from 1
     * again, and the old certificate that could have sent them is revoked.
     */
    public Optional<Path> moveOutboxAside(Instant now) throws IOException {
        if (!Files.exists(outbox())) {
            return Optional.empty();
        }
        Path aside = root.resolve("outbox.previous-" + STAMP.format(now));
        Files.move(outbox(), aside, StandardCopyOption.ATOMIC_MOVE);
        return Optional.of(aside);
    }

    /** Where commands this device has already carried out are remembered. */
    public Path handledCommands() {
        return state().resolve("handled-commands.json");
    }

    /** The {@code FirstSeenLedger} file for pending updates. */
    public Path pendingUpdatesLedger() {
        return state().resolve("pending-updates.json");
    }

    /** Where the history collector makes its private copies of browser databases; emptied after each read. */
    public Path historyScratch() {
        return root.resolve("history-scratch");
    }

    /** The agent's own Chromium-format history that monitoring self-tests write canary visits to. */
    public Path canaryHistory() {
        return state().resolve("self-test").resolve("History");
    }

    /** Replaces {@code file} with {@code bytes} through a temporary file in the same folder, fsync'd, then renamed. */
    public void writeAtomically(Path file, byte[] bytes, boolean secret) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (posix()) {
            // Created owner-only from the start, so a secret is never readable by others even for a moment.
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString(secret ? OWNER_ONLY_FILE : "rw-r-----")));
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
