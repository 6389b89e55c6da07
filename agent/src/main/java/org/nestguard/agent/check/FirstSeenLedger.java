package org.nestguard.agent.check;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Remembers when the agent first saw each pending update, for systems that do not say when an update was
 * published (apt, softwareupdate), so "waiting longer than the policy allows" can still be judged. Kept in a
 * small JSON file in the agent's state folder; without one it only knows what it saw in this run.
 */
public final class FirstSeenLedger {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Path file;
    private final Clock clock;
    private final Map<String, Instant> seen;

    private FirstSeenLedger(Path file, Clock clock, Map<String, Instant> seen) {
        this.file = file;
        this.clock = clock;
        this.seen = seen;
    }

    /** A ledger that forgets when the process ends. */
    public static FirstSeenLedger inMemory(Clock clock) {
        return new FirstSeenLedger(null, clock, new TreeMap<>());
    }

    /** A ledger kept in {@code file}; a missing file starts empty. */
    public static FirstSeenLedger open(Path file, Clock clock) throws IOException {
        Map<String, Instant> seen = new TreeMap<>();
        if (Files.exists(file)) {
            seen.putAll(JSON.readValue(file.toFile(), new TypeReference<Map<String, Instant>>() { }));
        }
        return new FirstSeenLedger(file, clock, seen);
    }

    public boolean isPersistent() {
        return file != null;
    }

    /** When {@code key} was first seen, recording now if it is new. */
    public Instant firstSeen(String key) {
        return seen.computeIfAbsent(key, k -> clock.instant());
    }

    /** Forgets everything not in {@code current} (installed updates) and writes the ledger atomically. */
    public void retainAndSave(Collection<String> current) throws IOException {
        seen.keySet().retainAll(current);
        if (file == null) {
            return;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(temporary.toFile(), seen);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
