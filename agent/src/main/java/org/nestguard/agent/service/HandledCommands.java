package org.nestguard.agent.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.protocol.wire.WireJson;

/**
 * The ids of commands this device has carried out, kept on disk: the console keeps a command pending until it
 * receives the result, so it may deliver it again and the agent must not act twice.
 */
public final class HandledCommands {
    // Far more than can be pending at once; the oldest ids are forgotten so the file stays small.
    private static final int KEEP = 1000;

    private final AgentHome home;
    private final LinkedHashSet<String> ids = new LinkedHashSet<>();
    private final ObjectMapper json = WireJson.mapper();

    private HandledCommands(AgentHome home) {
        this.home = home;
    }

    /** Loads the remembered ids from the data folder's {@code state/}. */
    public static HandledCommands open(AgentHome home) throws IOException {
        HandledCommands handled = new HandledCommands(home);
        Path file = home.handledCommands();
        if (Files.isRegularFile(file)) {
            handled.ids.addAll(handled.json.readValue(file.toFile(), new TypeReference<List<String>>() { }));
        }
        return handled;
    }

    public synchronized boolean contains(String id) {
        return ids.contains(id);
    }

    /** Remembers {@code id}, on disk before this returns. */
    public synchronized void add(String id) throws IOException {
        ids.add(id);
        while (ids.size() > KEEP) {
            ids.remove(ids.iterator().next());
        }
        Files.createDirectories(home.state());
        home.writeAtomically(home.handledCommands(), json.writeValueAsBytes(new ArrayList<>(ids)), false);
    }
}
