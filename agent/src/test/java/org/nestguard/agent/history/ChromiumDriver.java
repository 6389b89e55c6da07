package org.nestguard.agent.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Debian's chromium, headless, driven through the DevTools protocol. */
final class ChromiumDriver implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Duration STEP = Duration.ofSeconds(30);

    private final BrowserProcess process;
    private final JsonSocket devtools;
    private final String session;

    private ChromiumDriver(BrowserProcess process, JsonSocket devtools, String session) {
        this.process = process;
        this.devtools = devtools;
        this.session = session;
    }

    /**
     * Starts Chromium with a fresh profile in {@code userDataDir}; {@link LocalSites#SEARCH_HOST} resolves to the
     * local TLS server on {@code searchPort}.
     */
    static ChromiumDriver start(Path userDataDir, int searchPort, Path log) throws Exception {
        Files.createDirectories(userDataDir);
        BrowserProcess process = BrowserProcess.start(List.of(BINARY.toString(), "--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-features=OptimizationHints,MediaRouter,Translate", "--password-store=basic",
                "--user-data-dir=" + userDataDir, "--remote-debugging-port=0",
                "--host-resolver-rules=MAP " + LocalSites.SEARCH_HOST + " 127.0.0.1:" + searchPort,
                "--ignore-certificate-errors", "about:blank"), log);
        try {
            Path portFile = userDataDir.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + STEP.toNanos();
            while (!(Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Chromium did not open DevTools: " + process.log());
                }
                Thread.sleep(100);
            }
            List<String> lines = Files.readAllLines(portFile);
            JsonSocket devtools = JsonSocket.connect(URI.create("ws://127.0.0.1:" + lines.get(0) + lines.get(1)));
            String target = null;
            for (JsonNode info : devtools.call("Target.getTargets", null, null, STEP).get("targetInfos")) {
                if (info.get("type").asText().equals("page")) {
                    target = info.get("targetId").asText();
                }
            }
            if (target == null) {
                target = devtools.call("Target.createTarget", JsonSocket.params().put("url", "about:blank"), null,
                        STEP).get("targetId").asText();
            }
            String session = devtools.call("Target.attachToTarget", JsonSocket.params().put("targetId", target)
                    .put("flatten", true), null, STEP).get("sessionId").asText();
            devtools.call("Page.enable", null, session, STEP);
            return new ChromiumDriver(process, devtools, session);
        } catch (Exception | Error e) {
            process.close();
            throw e;
        }
    }

    /** Navigates the tab as if by {@code transitionType} ("typed", "link", ...) and waits for the page's load. */
    void navigate(String url, String transitionType) throws Exception {
        JsonNode result = devtools.call("Page.navigate", JsonSocket.params().put("url", url)
                .put("transitionType", transitionType), session, STEP);
        if (result.hasNonNull("errorText")) {
            throw new IllegalStateException("Chromium could not load " + url + ": " + result.get("errorText"));
        }
        devtools.awaitEvent(e -> "Page.loadEventFired".equals(e.path("method").asText())
                && session.equals(e.path("sessionId").asText()), STEP);
    }

    /** The title the open page shows. */
    String title() throws Exception {
        return devtools.call("Runtime.evaluate", JsonSocket.params().put("expression", "document.title"), session,
                STEP).get("result").get("value").asText();
    }

    boolean isRunning() {
        return process.isAlive();
    }

    /** Closes the browser as a person would, so it writes its history out, and waits for it to exit. */
    void quit() throws Exception {
        try {
            devtools.call("Browser.close", null, null, STEP);
        } catch (Exception e) {
            // the connection may close before the answer arrives
        }
        if (!process.awaitExit(STEP)) {
            throw new IllegalStateException("Chromium did not exit after Browser.close: " + process.log());
        }
    }

    String log() {
        return process.log();
    }

    @Override
    public void close() {
        devtools.close();
        process.close();
    }
}
