package org.nestguard.agent.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nestguard.agent.enrolment.AgentHome;

/**
 * The history cursor of every profile the agent has collected from, and which of those profiles were present at
 * the last collection, kept in one file in the agent's {@code state/} folder. The file is replaced atomically
 * (temporary file, fsync, rename) and readable by the agent's account alone: it names accounts and their files.
 */
public final class HistoryCursors {
    /** The file's name in the agent's state folder. */
    public static final String FILE_NAME = "history-cursors.json";
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final AgentHome home;
    private final Path file;
    private Map<String, TrackedProfile> tracked;

    private HistoryCursors(AgentHome home, Path file, Map<String, TrackedProfile> tracked) {
        this.home = home;
        this.file = file;
        this.tracked = tracked;
    }

    /**
     * Reads the cursors of {@code home}; none yet when the file does not exist.
     *
     * @throws IOException when the file cannot be read or is not a cursor file, saying what to do
     */
    public static HistoryCursors open(AgentHome home) throws IOException {
        Path file = home.state().resolve(FILE_NAME);
        Map<String, TrackedProfile> tracked = new LinkedHashMap<>();
        if (Files.exists(file)) {
            StoredCursors stored;
            try {
                stored = JSON.readValue(file.toFile(), StoredCursors.class);
            } catch (JsonProcessingException e) {
                throw new IOException(file + " is not a history cursor file (" + e.getOriginalMessage() + "); move it"
                        + " aside to start again: every visit still in the browsers' history is then collected once"
                        + " more", e);
            }
            if (stored.version() != VERSION || stored.profiles() == null) {
                throw new IOException(file + " has cursor file version " + stored.version() + ", this agent reads "
                        + "version " + VERSION + "; move it aside to start again (visits still in the browsers'"
                        + " history are then collected once more)");
            }
            for (StoredProfile profile : stored.profiles()) {
                TrackedProfile entry = profile.toTracked(file);
                tracked.put(entry.profile().key(), entry);
            }
        }
        return new HistoryCursors(home, file, tracked);
    }

    /** The file the cursors are kept in. */
    public Path file() {
        return file;
    }

    /** Every profile collected from, present or gone. */
    public synchronized List<TrackedProfile> tracked() {
        return List.copyOf(tracked.values());
    }

    /** The cursor of {@code profile}, {@link ProfileCursor#START} for a profile never collected. */
    public synchronized ProfileCursor cursorOf(BrowserProfile profile) {
        TrackedProfile entry = tracked.get(profile.key());
        return entry == null ? ProfileCursor.START : entry.cursor();
    }

    /** Replaces every entry with {@code next} and writes the file before returning. */
    public synchronized void replace(List<TrackedProfile> next) throws IOException {
        Map<String, TrackedProfile> replacement = new LinkedHashMap<>();
        List<StoredProfile> stored = new ArrayList<>();
        for (TrackedProfile entry : next) {
            replacement.put(entry.profile().key(), entry);
        }
        if (replacement.equals(tracked)) {
            return; // nothing moved: no write, no fsync
        }
        replacement.values().forEach(entry -> stored.add(StoredProfile.of(entry)));
        Files.createDirectories(file.getParent());
        home.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(new StoredCursors(VERSION, stored)), true);
        tracked = replacement;
    }

    private record StoredCursors(int version, List<StoredProfile> profiles) {
    }

    private record StoredProfile(String browser, String format, String account, String name, String historyFile,
                                 long lastVisitId, long lastVisitTime, boolean present, String problem,
                                 List<ConsistentCopy.FileState> stamp) {
        static StoredProfile of(TrackedProfile entry) {
            BrowserProfile p = entry.profile();
            return new StoredProfile(p.browser(), p.format().name(), p.account(), p.name(),
                    p.historyFile().toString(), entry.cursor().lastVisitId(), entry.cursor().lastVisitTime(),
                    entry.present(), entry.problem(), entry.stamp() == null ? null : entry.stamp().files());
        }

        TrackedProfile toTracked(Path file) throws IOException {
            HistoryFormat parsed;
            try {
                parsed = HistoryFormat.valueOf(format);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IOException(file + " names history format " + format + ", which this agent does not know;"
                        + " move the file aside to start again", e);
            }
            if (browser == null || account == null || name == null || historyFile == null) {
                throw new IOException(file + " has an entry without browser, account, name or historyFile; move the"
                        + " file aside to start again");
            }
            return new TrackedProfile(new BrowserProfile(browser, parsed, account, name, Path.of(historyFile)),
                    new ProfileCursor(lastVisitId, lastVisitTime), present, problem,
                    stamp == null ? null : new ConsistentCopy.Stamp(stamp));
        }
    }
}
