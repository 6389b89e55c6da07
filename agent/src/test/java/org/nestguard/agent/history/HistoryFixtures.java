package org.nestguard.agent.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the history tests' fixtures from {@code fixtures/<os>/history/}. */
final class HistoryFixtures {
    private HistoryFixtures() {
    }

    static String text(String os, String name) {
        String resource = "/fixtures/" + os + "/history/" + name;
        try (InputStream in = HistoryFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
