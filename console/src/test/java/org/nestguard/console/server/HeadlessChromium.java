package org.nestguard.console.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium driven over the Chrome DevTools protocol with the JDK's WebSocket client (no
 * Selenium or Playwright dependency): open a page, run a line of script in it, wait for an address, take a
 * screenshot. Tests using it are skipped, saying so, when {@code /usr/bin/chromium} is missing.
 */
public final class HeadlessChromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> securityMessages = new CopyOnWriteArrayList<>();

    private HeadlessChromium(Process process, Path profile, WebSocket socket, Listener listener) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
        listener.owner = this;
    }

    /** Starts Chromium with a fresh profile at this window size, or skips the test when it is not installed. */
    public static HeadlessChromium startOrSkip(int width, int height) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "Chromium is not installed at " + BINARY
                + ", so the real-browser test is skipped: apt-get install chromium (.ci/run does)");
        Path profile = Files.createTempDirectory("nestguard-chromium");
        Process process = new ProcessBuilder(BINARY.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--disable-dev-shm-usage",
                // the test console's certificate is from its own CA, which this profile does not trust
                "--ignore-certificate-errors", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
                "--window-size=" + width + "," + height, "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            Instant deadline = Instant.now().plus(WAIT);
            while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Chromium did not open its DevTools port; its log: "
                            + Files.readString(profile.resolve("chromium.log")));
                }
                Thread.sleep(50);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
            HttpClient http = HttpClient.newHttpClient();
            String pageSocket = null;
            while (pageSocket == null) {
                JsonNode targets = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode target : targets) {
                    if ("page".equals(target.path("type").asText())) {
                        pageSocket = target.path("webSocketDebuggerUrl").asText();
                    }
                }
                if (pageSocket == null) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("Chromium opened no page to drive");
                    }
                    Thread.sleep(50);
                }
            }
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), listener)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            HeadlessChromium chromium = new HeadlessChromium(process, profile, socket, listener);
            chromium.call("Page.enable", Map.of());
            chromium.call("Log.enable", Map.of());
            return chromium;
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Opens the address and waits until the page has loaded. */
    public void open(String url) throws Exception {
        open(url, URI.create(url).getPath());
    }

    /** Opens the address and waits until the page it leads to (after redirects) at this path has loaded. */
    public void open(String url, String landsOn) throws Exception {
        call("Page.navigate", Map.of("url", url));
        waitForPath(landsOn);
    }

    /** Runs a script expression in the page and returns its value (as JSON). */
    public JsonNode evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("script failed in the page: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Waits until the page at this path has finished loading. */
    public void waitForPath(String path) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            last = evaluate("location.pathname + ' ' + document.readyState").asText();
            if (last.equals(path + " complete")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the browser did not reach " + path + "; it is at " + last + ": "
                + evaluate("document.body ? document.body.innerText : ''").asText());
    }

    /** What the browser logged about security so far, such as a Content-Security-Policy violation. */
    public List<String> securityMessages() {
        return List.copyOf(securityMessages);
    }

    /** Saves a PNG of the whole page. */
    /** Sets the value of the element with this id, as typing would. */
    public void type(String id, String text) throws Exception {
        evaluate("document.getElementById('" + id + "').value = " + json.writeValueAsString(text));
    }

    /** Clicks the element with this id. */
    public void click(String id) throws Exception {
        evaluate("document.getElementById('" + id + "').click()");
    }

    /** The page's text as a person reads it. */
    public String text() throws Exception {
        return evaluate("document.body.innerText").asText();
    }

    /** Waits until a loaded page says this: for a form that comes back to the same address. */
    public void waitForText(String wanted) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            if (evaluate("document.readyState === 'complete' ? document.body.innerText : ''").asText()
                    .contains(wanted)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the page never said " + wanted + ": " + text());
    }

    /** Waits until a loaded page's path starts with this, and returns the path. */
    public String waitForPathStarting(String prefix) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            String path = evaluate("document.readyState === 'complete' ? location.pathname : ''").asText();
            if (path.startsWith(prefix)) {
                return path;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the browser did not reach " + prefix + "...: " + text());
    }

    /** Whether the page is wider than the window: it would scroll sideways on a tablet. */
    public boolean widerThanWindow() throws Exception {
        return evaluate("document.documentElement.scrollWidth > window.innerWidth ? 1 : 0").asInt() == 1;
    }

    public void screenshot(Path file) throws Exception {
        JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    private JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = json.createObjectNode().put("id", id).put("method", method);
        message.set("params", json.valueToTree(params));
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(json.writeValueAsString(message), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        JsonNode reply = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.path("error"));
        }
        return reply.path("result");
    }

    private void received(String text) {
        try {
            JsonNode message = json.readTree(text);
            if ("Log.entryAdded".equals(message.path("method").asText())) {
                JsonNode entry = message.path("params").path("entry");
                if ("security".equals(entry.path("source").asText())
                        || entry.path("text").asText().contains("Content Security Policy")) {
                    securityMessages.add(entry.path("text").asText());
                }
            }
            if (message.has("id")) {
                CompletableFuture<JsonNode> answer = pending.remove(message.path("id").asInt());
                if (answer != null) {
                    answer.complete(message);
                }
            }
        } catch (IOException e) {
            pending.values().forEach(answer -> answer.completeExceptionally(e));
        }
    }

    @Override
    public void close() throws IOException {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(profile)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // Chromium may still be writing its profile as it exits; a temporary folder left behind is harmless
        }
    }

    /** Gathers a message's fragments and hands whole messages over. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private volatile HeadlessChromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (owner != null) {
                    owner.received(text);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
