package org.nestguard.agent.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Debian's firefox-esr, headless, driven through WebDriver BiDi. */
final class FirefoxDriver implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/firefox-esr");
    private static final Duration STEP = Duration.ofSeconds(30);

    /** Quiet start-up for a test profile: no first-run pages, no updates or telemetry, TLS through the proxy. */
    static String userJs(int proxyPort) {
        return String.join("\n",
                "user_pref(\"browser.shell.checkDefaultBrowser\", false);",
                "user_pref(\"browser.startup.homepage_override.mstone\", \"ignore\");",
                "user_pref(\"browser.startup.page\", 0);",
                "user_pref(\"browser.newtabpage.enabled\", false);",
                "user_pref(\"browser.aboutwelcome.enabled\", false);",
                "user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);",
                "user_pref(\"datareporting.healthreport.uploadEnabled\", false);",
                "user_pref(\"toolkit.telemetry.reportingpolicy.firstRun\", false);",
                "user_pref(\"app.update.auto\", false);",
                "user_pref(\"app.normandy.enabled\", false);",
                "user_pref(\"extensions.update.enabled\", false);",
                "user_pref(\"browser.safebrowsing.malware.enabled\", false);",
                "user_pref(\"browser.safebrowsing.phishing.enabled\", false);",
                "user_pref(\"network.captive-portal-service.enabled\", false);",
                "user_pref(\"network.connectivity-service.enabled\", false);",
                "user_pref(\"network.dns.disablePrefetch\", true);",
                "user_pref(\"network.prefetch-next\", false);",
                "user_pref(\"services.settings.server\", \"http://127.0.0.1:9/\");",
                "user_pref(\"network.proxy.type\", 1);",
                "user_pref(\"network.proxy.ssl\", \"127.0.0.1\");",
                "user_pref(\"network.proxy.ssl_port\", " + proxyPort + ");",
                "user_pref(\"network.proxy.no_proxies_on\", \"\");",
                "user_pref(\"places.history.enabled\", true);",
                "");
    }

    private final BrowserProcess process;
    private final JsonSocket bidi;
    private final String context;

    private FirefoxDriver(BrowserProcess process, JsonSocket bidi, String context) {
        this.process = process;
        this.bidi = bidi;
        this.context = context;
    }

    /** Starts Firefox on {@code profile}, whose user.js ({@link #userJs}) sends HTTPS through the test proxy. */
    static FirefoxDriver start(Path profile, Path log) throws Exception {
        Path serverFile = profile.resolve("WebDriverBiDiServer.json");
        Files.deleteIfExists(serverFile);
        BrowserProcess process = BrowserProcess.start(List.of(BINARY.toString(), "--headless", "--no-remote",
                "--profile", profile.toString(), "--remote-debugging-port=0", "about:blank"), log);
        try {
            long deadline = System.nanoTime() + STEP.toNanos();
            JsonNode server = null;
            while (server == null) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Firefox did not open WebDriver BiDi: " + process.log());
                }
                Thread.sleep(100);
                if (Files.exists(serverFile)) {
                    try {
                        server = new com.fasterxml.jackson.databind.ObjectMapper().readTree(serverFile.toFile());
                    } catch (java.io.IOException e) {
                        server = null; // still being written
                    }
                }
            }
            JsonSocket bidi = JsonSocket.connect(URI.create("ws://" + server.get("ws_host").asText() + ":"
                    + server.get("ws_port").asInt() + "/session"));
            ObjectNode capabilities = JsonSocket.params();
            capabilities.putObject("capabilities").putObject("alwaysMatch").put("acceptInsecureCerts", true);
            bidi.call("session.new", capabilities, null, STEP);
            JsonNode tree = bidi.call("browsingContext.getTree", null, null, STEP);
            String context = tree.get("contexts").get(0).get("context").asText();
            return new FirefoxDriver(process, bidi, context);
        } catch (Exception | Error e) {
            process.close();
            throw e;
        }
    }

    /** Navigates the tab and waits until the page has loaded. */
    void navigate(String url) throws Exception {
        bidi.call("browsingContext.navigate", JsonSocket.params().put("context", context).put("url", url)
                .put("wait", "complete"), null, STEP);
    }

    /** The title the open page shows. */
    String title() throws Exception {
        ObjectNode params = JsonSocket.params().put("expression", "document.title").put("awaitPromise", false);
        params.putObject("target").put("context", context);
        return bidi.call("script.evaluate", params, null, STEP).get("result").get("value").asText();
    }

    boolean isRunning() {
        return process.isAlive();
    }

    /** Closes the browser as a person would and waits for it to exit. */
    void quit() throws Exception {
        try {
            bidi.call("browser.close", null, null, STEP);
        } catch (Exception e) {
            // the connection may close before the answer arrives
        }
        if (!process.awaitExit(STEP)) {
            throw new IllegalStateException("Firefox did not exit after browser.close: " + process.log());
        }
    }

    String log() {
        return process.log();
    }

    @Override
    public void close() {
        bidi.close();
        process.close();
    }
}
