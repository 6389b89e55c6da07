package org.nestguard.agent.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * JSON commands and events over a WebSocket, the shape both Chrome DevTools and WebDriver BiDi use: a command
 * carries an id, its answer the same id, and events carry a method name.
 */
final class JsonSocket implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private JsonSocket() {
    }

    static JsonSocket connect(URI uri) throws Exception {
        JsonSocket self = new JsonSocket();
        self.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        self.partial.append(data);
                        if (last) {
                            self.receive(self.partial.toString());
                            self.partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(15, TimeUnit.SECONDS);
        return self;
    }

    private void receive(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            JsonNode id = message.get("id");
            if (id != null && id.canConvertToLong() && waiting.containsKey(id.asLong())) {
                waiting.remove(id.asLong()).complete(message);
            } else {
                events.add(message);
            }
        } catch (IOException e) {
            events.add(JSON.createObjectNode().put("unparsable", text));
        }
    }

    /** Sends a command and waits for its answer; an error answer throws with the browser's message. */
    JsonNode call(String method, ObjectNode params, String sessionId, Duration timeout) throws Exception {
        long id = ids.incrementAndGet();
        ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", params == null ? JSON.createObjectNode() : params);
        if (sessionId != null) {
            command.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        socket.sendText(JSON.writeValueAsString(command), true).get(10, TimeUnit.SECONDS);
        JsonNode reply = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.get("error") + " " + reply.path("message"));
        }
        return reply.get("result");
    }

    /** Waits for the first event matching {@code wanted}, dropping the others. */
    JsonNode awaitEvent(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode event = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (event == null) {
                throw new IllegalStateException("no matching event within " + timeout);
            }
            if (wanted.test(event)) {
                return event;
            }
        }
    }

    static ObjectNode params() {
        return JSON.createObjectNode();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
