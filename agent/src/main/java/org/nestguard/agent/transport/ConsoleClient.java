package org.nestguard.agent.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.nestguard.protocol.crypto.ClientTls;
import org.nestguard.protocol.wire.AgentApi;
import org.nestguard.protocol.wire.ApiError;
import org.nestguard.protocol.wire.CheckIn;
import org.nestguard.protocol.wire.CheckInResponse;
import org.nestguard.protocol.wire.EnrollmentRequest;
import org.nestguard.protocol.wire.EnrollmentResponse;
import org.nestguard.protocol.wire.WireJson;

/**
 * The agent's calls to its console over java.net.http with pinned TLS: enrolment (server-authenticated) and
 * check-in (mutual TLS). Holds no static state, so a load harness can run thousands side by side.
 */
public final class ConsoleClient {
    /** The console's code for a revoked device certificate. */
    public static final String DEVICE_REVOKED = "device-revoked";

    private final URI console;
    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json = WireJson.mapper();

    /** {@code console} is the base URL (https://host:port); {@code tls} from {@code PinnedTrust}. */
    public ConsoleClient(URI console, ClientTls tls, Duration timeout) {
        this.console = console;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(tls.context())
                .sslParameters(tls.parameters())
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The console this client calls. */
    public URI console() {
        return console;
    }

    /** Sends the enrolment request; the TLS pin is checked before any of it leaves the device. */
    public EnrolOutcome enroll(EnrollmentRequest request) {
        ConsoleReply reply;
        try {
            reply = post(AgentApi.ENROLL, request);
        } catch (IOException e) {
            CallFailure failure = CallFailure.of(console, e);
            return failure.untrusted() ? new EnrolOutcome.Untrusted(failure.message())
                    : new EnrolOutcome.Unreachable(failure.message());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new EnrolOutcome.Unreachable("interrupted while waiting for the console");
        }
        if (!reply.ok()) {
            return new EnrolOutcome.Refused(reply.status(), error(reply));
        }
        try {
            return new EnrolOutcome.Enrolled(json.readValue(reply.body(), EnrollmentResponse.class));
        } catch (IOException e) {
            return new EnrolOutcome.Unreachable("the console at " + console + " answered the enrolment with a body "
                    + "this agent cannot read (" + e.getMessage() + "); is the agent the same version as the"
                    + " console?");
        }
    }

    /** Sends one batch; every failure comes back as an outcome, never as an exception. */
    public CheckInOutcome checkIn(CheckIn checkIn) {
        ConsoleReply reply;
        try {
            reply = post(AgentApi.CHECK_IN, checkIn);
        } catch (IOException e) {
            CallFailure failure = CallFailure.of(console, e);
            return new CheckInOutcome.RetryLater(failure.message());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CheckInOutcome.RetryLater("interrupted while waiting for the console");
        }
        if (reply.ok()) {
            try {
                return new CheckInOutcome.Accepted(json.readValue(reply.body(), CheckInResponse.class));
            } catch (IOException e) {
                return new CheckInOutcome.RetryLater("the console's check-in answer cannot be read ("
                        + e.getMessage() + ")");
            }
        }
        ApiError error = error(reply);
        if (DEVICE_REVOKED.equals(error.code())) {
            return new CheckInOutcome.Revoked(error);
        }
        if (reply.status() == 413) {
            return new CheckInOutcome.TooLarge(error);
        }
        if (reply.status() >= 500 || reply.status() == 429 || reply.status() == 408) {
            return new CheckInOutcome.RetryLater("the console answered " + reply.status() + ": " + error.message());
        }
        return new CheckInOutcome.Refused(reply.status(), error);
    }

    /**
     * Uploads an evidence archive, streamed: {@code body} writes it on another thread while it is sent, so an
     * archive of any size passes in constant memory. A failure while writing aborts the request rather than
     * sending a truncated archive.
     *
     * @throws IOException when it was not stored (unreachable, refused, or the archive could not be written)
     */
    public void putEvidence(String exportId, StreamedBody body) throws IOException {
        PipedInputStream source = new PipedInputStream(1 << 20);
        PipedOutputStream sink = new PipedOutputStream(source);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                body.writeTo(sink);
                sink.close(); // only a complete archive ends the body
            } catch (Throwable e) {
                failure.set(e);
                // The reader must see an error, not an end: a closed pipe would send a truncated archive as whole.
                try {
                    source.close();
                } catch (IOException ignored) {
                    // closing a pipe's reading end does not fail
                }
            }
        }, "nestguard-evidence-" + exportId);
        writer.setDaemon(true);
        HttpRequest request = HttpRequest.newBuilder(console.resolve(AgentApi.EVIDENCE + exportId))
                .header("Content-Type", "application/zip")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> source))
                .build();
        HttpResponse<byte[]> response;
        writer.start();
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while uploading evidence archive " + exportId);
        } catch (IOException e) {
            Throwable cause = failure.get();
            String why = cause != null ? "it could not be written (" + cause.getMessage() + ")"
                    : CallFailure.of(console, e).message();
            throw new IOException("evidence archive " + exportId + " was not uploaded: " + why, e);
        }
        if (failure.get() != null) {
            throw new IOException("evidence archive " + exportId + " could not be written: "
                    + failure.get().getMessage(), failure.get());
        }
        if (response.statusCode() / 100 != 2) {
            ApiError error = error(new ConsoleReply(response.statusCode(), response.body()));
            throw new IOException("the console did not store evidence archive " + exportId + " (HTTP "
                    + response.statusCode() + ", " + error.code() + "): " + error.message());
        }
    }

    private ConsoleReply post(String path, Object body) throws IOException, InterruptedException {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the request as JSON", e);
        }
        HttpRequest request = HttpRequest.newBuilder(console.resolve(path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new ConsoleReply(response.statusCode(), response.body());
    }

    private ApiError error(ConsoleReply reply) {
        try {
            ApiError error = json.readValue(reply.body(), ApiError.class);
            if (error.code() != null && error.message() != null) {
                return error;
            }
        } catch (IOException e) {
            // Not an ApiError (a proxy's page, an old console): described below by its status instead.
        }
        return new ApiError("http-" + reply.status(), "the console answered HTTP " + reply.status()
                + " without an explanation; check the console's log");
    }
}
