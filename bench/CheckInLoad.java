import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.nestguard.agent.check.Control;
import org.nestguard.agent.transport.CheckInOutcome;
import org.nestguard.agent.transport.ConsoleClient;
import org.nestguard.protocol.crypto.ClientTls;
import org.nestguard.protocol.crypto.Pem;
import org.nestguard.protocol.crypto.PinnedTrust;
import org.nestguard.protocol.wire.AgentApi;
import org.nestguard.protocol.wire.ApiError;
import org.nestguard.protocol.wire.CheckIn;
import org.nestguard.protocol.wire.Event;
import org.nestguard.protocol.wire.NetworkLocation;
import org.nestguard.protocol.wire.WireJson;

/**
 * Many simulated agents checking in with one console over mutual TLS (bench/checkin-load.sh runs it).
 *
 * AGENTS devices (credentials from CheckInSeed in CREDS) are shared out among CLIENTS threads; each thread loops
 * over its devices, one check-in at a time (a closed loop, so CLIENTS requests are in flight at most). A check-in
 * is what the agent sends after a check cycle: the nine {@code check-result} events built from a real
 * {@code nestguard-agent check --json} report (REPORT) plus the cycle's {@code check-cycle} summary, with the
 * device's next ten sequence numbers, sent by the agent's own {@link ConsoleClient} (java.net.http, one client
 * and one kept-alive TLS connection per device, as the agent service does). A check-in counts as a success only
 * when the console accepts it and answers with the batch's last sequence as the highest one it holds.
 *
 * The reference phase sends the same bodies, from the same number of threads and devices, with the same TLS
 * identities and HTTP client settings, to a path the console does not serve: Jetty and Javalin answer 404 with
 * a JSON error after TLS, HTTP and reading the body, without touching the store.
 *
 * BODY=small sends the report of a patched laptop instead: the same results without the evidence lines that list
 * pending updates (a few KB). CONNECTION=fresh gives every check-in (and every reference call) a new HTTP client,
 * so a new TCP connection and TLS handshake, as a real agent pays when its connection has idled out between
 * check-ins; the TLS context (and so its session cache) is the device's own, kept as the agent keeps it.
 *
 * Usage: CheckInLoad URL CREDS REPORT CLIENTS AGENTS WARMUP_S DURATION_S LABEL [full|small] [kept|fresh]
 */
public final class CheckInLoad {
    private static final ObjectMapper JSON = WireJson.mapper();
    private static final String REFERENCE_PATH = "/api/agent/v1/load-reference";
    private static final NetworkLocation LOCATION = new NetworkLocation("10.63.0.1", "00:11:22:33:44:55",
            "DittonStaff", List.of("10.63.4.17", "fe80:0:0:0:0:0:0:1%wlan0"));

    private final List<ObjectNode> results = new ArrayList<>();
    private final Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        Path creds = Path.of(args[1]);
        Path report = Path.of(args[2]);
        int clients = Integer.parseInt(args[3]);
        int agents = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        int duration = Integer.parseInt(args[6]);
        String label = args[7];
        boolean small = args.length > 8 && args[8].equals("small");
        boolean fresh = args.length > 9 && args[9].equals("fresh");
        new CheckInLoad(report, small, fresh).run(url, creds, clients, agents, warmup, duration, label);
    }

    private final boolean fresh;

    private CheckInLoad(Path report, boolean small, boolean fresh) throws Exception {
        this.fresh = fresh;
        JsonNode checked = JSON.readTree(Files.readString(report));
        for (JsonNode result : checked.get("results")) {
            Control control = Control.valueOf(result.get("control").asText());
            // the shape of the agent's CheckResultPayload
            ObjectNode payload = JSON.createObjectNode();
            payload.put("control", control.id());
            payload.put("title", control.title());
            payload.set("status", result.get("status"));
            payload.set("summary", result.get("summary"));
            payload.set("evidence", small ? patched(result.get("evidence")) : result.get("evidence"));
            payload.set("clauses", result.get("clauses"));
            payload.put("policyVersion", 1);
            results.add(payload);
        }
        if (results.size() != Control.values().length) {
            throw new IllegalStateException("the report holds " + results.size() + " results, not "
                    + Control.values().length + "; give the JSON of a full nestguard-agent check --json run");
        }
    }

    // a patched laptop's evidence: no line for a pending update
    private static JsonNode patched(JsonNode evidence) {
        var kept = JSON.createArrayNode();
        for (JsonNode line : evidence) {
            String item = line.path("item").asText();
            if (!item.startsWith("security update ") && !item.startsWith("update ")) {
                kept.add(line);
            }
        }
        return kept;
    }

    /** One simulated device: its TLS identity, its agent client, and its next sequence number. */
    private static final class Agent {
        final URI url;
        final ClientTls tls;
        final ConsoleClient client;
        final HttpClient referenceHttp;
        long nextSequence = 1;

        Agent(URI url, ClientTls tls) {
            this.url = url;
            this.tls = tls;
            this.client = new ConsoleClient(url, tls, Duration.ofSeconds(30));
            this.referenceHttp = referenceClient(tls);
        }

        // the same settings as ConsoleClient's own HttpClient
        static HttpClient referenceClient(ClientTls tls) {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(tls.context()).sslParameters(tls.parameters())
                    .connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NEVER).build();
        }
    }

    private CheckIn nextCheckIn(Agent agent, boolean advance) {
        Instant now = Instant.now();
        List<Event> events = new ArrayList<>(results.size() + 1);
        long sequence = agent.nextSequence;
        int passed = 0;
        int failed = 0;
        int unknown = 0;
        for (ObjectNode payload : results) {
            events.add(new Event(sequence++, now, "check-result", payload));
            switch (payload.get("status").asText()) {
                case "PASS" -> passed++;
                case "FAIL" -> failed++;
                case "UNKNOWN" -> unknown++;
                default -> { }
            }
        }
        ObjectNode summary = JSON.createObjectNode();
        summary.put("startedAt", now.minusMillis(80).toString());
        summary.put("finishedAt", now.toString());
        summary.put("policyVersion", 1);
        summary.put("checked", results.size());
        summary.put("passed", passed);
        summary.put("failed", failed);
        summary.put("unknown", unknown);
        summary.put("notApplicable", results.size() - passed - failed - unknown);
        events.add(new Event(sequence++, now, "check-cycle", summary));
        if (advance) {
            agent.nextSequence = sequence;
        }
        return new CheckIn(events, LOCATION, 1, "0.1.0-load");
    }

    private void run(URI url, Path creds, int clients, int agentCount, int warmup, int duration, String label)
            throws Exception {
        PinnedTrust trust = new PinnedTrust(Clock.systemUTC());
        var ca = Pem.readCertificate(Files.readString(creds.resolve("ca.crt")), "ca.crt");
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < agentCount; i++) {
            String n = String.format("%05d", i);
            var key = Pem.readPrivateKey(Files.readString(creds.resolve(n + ".key")), n + ".key");
            var certificate = Pem.readCertificate(Files.readString(creds.resolve(n + ".crt")), n + ".crt");
            agents.add(new Agent(url, trust.forDevice(key, List.of(certificate), ca)));
        }
        int bodyBytes = JSON.writeValueAsBytes(nextCheckIn(agents.get(0), false)).length;
        System.out.printf("%s: %d agents (devices with certificates) over %d client threads; check-in body %d bytes"
                + " (%d events); %s%n", label, agentCount, clients, bodyBytes, results.size() + 1,
                fresh ? "a new connection and TLS handshake per request" : "kept-alive connections");
        Phase checkIns = phase(agents, clients, warmup, duration, false);
        Phase reference = phase(agents, clients, Math.max(3, warmup / 2), duration / 2, true);
        print(label, "checkin", checkIns, clients, agentCount);
        print(label, "reference", reference, clients, agentCount);
        System.out.printf("RATIO %s checkin/reference throughput %.3f%n", label,
                checkIns.rate() / reference.rate());
        errorKinds.forEach((kind, count) -> System.out.printf("ERROR %s %d x %s%n", label, count.get(), kind));
        System.exit(0); // the HttpClients' selector threads would keep the JVM up
    }

    private record Phase(long count, long errors, double seconds, long[] micros) {
        double rate() {
            return count / seconds;
        }

        double percentile(double p) {
            if (micros.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * micros.length) - 1;
            return micros[Math.max(0, Math.min(micros.length - 1, index))] / 1000.0;
        }
    }

    private Phase phase(List<Agent> agents, int clients, int warmupSeconds, int seconds, boolean reference)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmupSeconds * 1_000_000_000L;
        long measureUntil = measureFrom + seconds * 1_000_000_000L;
        long[][] latencies = new long[clients][];
        long[] counts = new long[clients];
        long[] errors = new long[clients];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            int id = t;
            List<Agent> mine = new ArrayList<>();
            for (int i = t; i < agents.size(); i += clients) {
                mine.add(agents.get(i));
            }
            Thread thread = new Thread(() -> {
                long[] samples = new long[1 << 16];
                int n = 0;
                int next = 0;
                while (true) {
                    Agent agent = mine.get(next++ % mine.size());
                    long before = System.nanoTime();
                    if (before >= measureUntil) {
                        break;
                    }
                    boolean ok = reference ? referenceCall(agent) : checkIn(agent);
                    long after = System.nanoTime();
                    if (before >= measureFrom) {
                        if (ok) {
                            if (n == samples.length) {
                                samples = Arrays.copyOf(samples, n * 2);
                            }
                            samples[n++] = (after - before) / 1000;
                        } else {
                            errors[id]++;
                        }
                    }
                }
                latencies[id] = Arrays.copyOf(samples, n);
                counts[id] = n;
            }, "load-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long total = Arrays.stream(counts).sum();
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        return new Phase(total, Arrays.stream(errors).sum(), seconds, all);
    }

    private boolean checkIn(Agent agent) {
        CheckIn checkIn = nextCheckIn(agent, true);
        long last = checkIn.events().get(checkIn.events().size() - 1).sequence();
        ConsoleClient client = fresh ? new ConsoleClient(agent.url, agent.tls, Duration.ofSeconds(30)) : agent.client;
        CheckInOutcome outcome = client.checkIn(checkIn);
        if (outcome instanceof CheckInOutcome.Accepted accepted) {
            if (accepted.response().highestSequence() == last) {
                return true;
            }
            error("accepted but highest sequence " + accepted.response().highestSequence() + " != " + last);
            agent.nextSequence = accepted.response().highestSequence() + 1;
            return false;
        }
        error(outcome.toString());
        // the console may have stored it even so (an answer lost); the next batch starts where it says, or again
        agent.nextSequence = checkIn.events().get(0).sequence();
        return false;
    }

    private boolean referenceCall(Agent agent) {
        try {
            byte[] body = JSON.writeValueAsBytes(nextCheckIn(agent, false));
            HttpRequest request = HttpRequest.newBuilder(agent.client.console().resolve(REFERENCE_PATH))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpClient http = fresh ? Agent.referenceClient(agent.tls) : agent.referenceHttp;
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            ApiError error = JSON.readValue(response.body(), ApiError.class);
            if (response.statusCode() == 404 && "not-found".equals(error.code())) {
                return true;
            }
            error("reference answered " + response.statusCode() + " " + error.code());
        } catch (Exception e) {
            error("reference failed: " + e);
        }
        return false;
    }

    private void error(String kind) {
        String key = kind.length() > 300 ? kind.substring(0, 300) : kind;
        errorKinds.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    private void print(String label, String phase, Phase p, int clients, int agents) {
        System.out.printf("RESULT %s %-9s clients=%d agents=%d requests=%d seconds=%.0f rate=%.1f/s p50=%.1fms "
                        + "p99=%.1fms errors=%d%n", label, phase, clients, agents, p.count(), p.seconds(), p.rate(),
                p.percentile(50), p.percentile(99), p.errors());
    }
}
