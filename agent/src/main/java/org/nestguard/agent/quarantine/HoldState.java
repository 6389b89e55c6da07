package org.nestguard.agent.quarantine;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.outbox.Directories;
import org.nestguard.agent.outbox.RetentionHold;
import org.nestguard.protocol.wire.WireJson;

/**
 * Whether the device is on hold, kept in {@code state/hold.json} so a restart keeps it. The outbox and the vault
 * consult it before deleting anything.
 */
public final class HoldState implements RetentionHold {
    private final AgentHome home;
    private final ObjectMapper json = WireJson.mapper();
    private volatile Hold current;

    private HoldState(AgentHome home, Hold current) {
        this.home = home;
        this.current = current;
    }

    /** Reads the stored hold; a file that cannot be read is an error, never "no hold". */
    public static HoldState open(AgentHome home) throws IOException {
        Path file = home.holdFile();
        if (!Files.exists(file)) {
            return new HoldState(home, null);
        }
        try {
            return new HoldState(home, WireJson.mapper().readValue(file.toFile(), Hold.class));
        } catch (IOException e) {
            throw new IOException("the device hold " + file + " cannot be read (" + e.getMessage() + "); the agent "
                    + "will not start without knowing whether it is on hold. Restore the file, or remove it only if "
                    + "the console shows no hold for this device", e);
        }
    }

    @Override
    public boolean active() {
        return current != null;
    }

    public Optional<Hold> current() {
        return Optional.ofNullable(current);
    }

    /** Stores the hold (fsync'd) before it is reported as applied. */
    public synchronized void store(Hold hold) throws IOException {
        Files.createDirectories(home.state());
        home.writeAtomically(home.holdFile(), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(hold), true);
        Directories.sync(home.state());
        current = hold;
    }

    /** Ends the hold: deleting and purging resume. */
    public synchronized void clear() throws IOException {
        if (Files.deleteIfExists(home.holdFile())) {
            Directories.sync(home.state());
        }
        current = null;
    }
}
