package org.nestguard.agent.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A browser the test started: its process, its log, and an end that leaves none of its processes behind. */
final class BrowserProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private BrowserProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static BrowserProcess start(List<String> command, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("DISPLAY"); // headless, never a window on a developer's desktop
        return new BrowserProcess(builder.start(), log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the browser to exit by itself. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The browser's output so far, for a failure message. */
    String log() {
        try {
            String text = Files.readString(log);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Ends the browser and every process it started, by their ids. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        for (ProcessHandle child : children) {
            child.destroyForcibly();
        }
    }
}
