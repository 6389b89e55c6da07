package org.nestguard.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nestguard.protocol.crypto.ClientTls;
import org.nestguard.protocol.crypto.PinnedTrust;

/** One console data folder and one enrolled agent data folder, driven through the real command lines. */
final class Fleet {
    /** A policy whose checks are quick (no apt simulation), so crash tests can run many cycles. */
    static final String QUICK_POLICY = """
            schemaVersion: 1
            setting: {id: e2e-school, name: E2E School, source: end-to-end tests}
            firewall:
              clauses: [{section: "11.4", quote: "implementing appropriate filtering, firewalls and anti-spam software"}]
            learners:
              groups: [pupils]
              clauses: [{section: "7.5.1", quote: "all learners are provided with their own unique username"}]
            logonNotice:
              text: "Use of this device is monitored."
              clauses: [{section: "7.3.4", quote: "All users will be informed that use of our systems can be monitored"}]
            """;
    /** The quick policy with browser history monitoring: only flagged visits leave the device. */
    static final String MONITORING_POLICY = QUICK_POLICY + """
            monitoring:
              methods: [browserHistory]
              history:
                upload: flagged
                keepFlags: P6Y
                collectEvery: PT5M
                clauses: [{section: "7.3.2", quote: "Checking browser history and images on setting devices."}]
              clauses: [{section: "7.3.2", quote: "Checking browser history and images on setting devices."}]
            """;
    private static final Pattern DEVICE = Pattern.compile("Enrolled as device (\\S+) ");

    final Path consoleData;
    final Path agentData;
    final String databaseUrl;

    Fleet(Path root, String databaseUrl) {
        this.consoleData = root.resolve("console");
        this.agentData = root.resolve("agent");
        this.databaseUrl = databaseUrl;
    }

    /** {@code console ARGS --data D [--db URL]}. */
    Processes.Finished console(String... args) throws IOException, InterruptedException {
        String[] all = databaseUrl == null ? args : append(args, "--db", databaseUrl);
        return Processes.console(consoleData, all);
    }

    Processes.Finished importPolicy(Path file) throws IOException, InterruptedException {
        Processes.Finished imported = console("policy", "import", file.toString(), "--reason", "e2e");
        assertEquals(0, imported.exit(), imported.toString());
        return imported;
    }

    Path quickPolicy(Path dir) throws IOException {
        return writePolicy(dir, QUICK_POLICY);
    }

    Path writePolicy(Path dir, String yaml) throws IOException {
        Path file = dir.resolve("e2e-school.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    RunningConsole serve() throws IOException {
        return RunningConsole.start(consoleData, databaseUrl);
    }

    /** Restarts the console on the port its agents were enrolled with. */
    RunningConsole serve(int port) throws IOException {
        return RunningConsole.start(consoleData, databaseUrl, port);
    }

    /** Creates a token, enrols the agent and returns the device id the console gave it. */
    String enrol(RunningConsole console, String setting) throws IOException, InterruptedException {
        Processes.Finished token = console("token", "create", "--setting", setting, "--uses", "1", "--expires", "PT1H");
        assertEquals(0, token.exit(), token.toString());
        Processes.Finished enrolled = Processes.agent("enroll", "--console", console.url, "--token",
                token.out().strip(), "--ca-fingerprint", console.fingerprint, "--data", agentData.toString());
        assertEquals(0, enrolled.exit(), enrolled.toString());
        Matcher m = DEVICE.matcher(enrolled.out());
        if (!m.find()) {
            throw new AssertionError("no device id in: " + enrolled);
        }
        return m.group(1);
    }

    Processes.Finished runOnce() throws IOException, InterruptedException {
        return Processes.agent("run", "--once", "--data", agentData.toString());
    }

    ProcessBuilder runOnceProcess() {
        return Processes.java(Processes.AGENT_JAR, java.util.List.of("run", "--once", "--data", agentData.toString()));
    }

    /** GET on the people's API as a fresh technical account (devices, compliance), trusting only the console's CA. */
    HttpResponse<String> get(RunningConsole console, String path) throws IOException, InterruptedException {
        return get(console, path, signIn(console, "e2e-" + System.nanoTime(), "--role", "technical"));
    }

    /**
     * {@code account add NAME OPTIONS... --password-stdin}, then signed in to people's API as that person (their
     * authenticator set up through the pages when their roles need one).
     */
    ApiSession signIn(RunningConsole console, String name, String... options) throws IOException,
            InterruptedException {
        String[] args = append(new String[] {"account", "add", name, "--password-stdin"}, options);
        if (databaseUrl != null) {
            args = append(args, "--db", databaseUrl);
        }
        Processes.Finished added = Processes.consoleWithInput(consoleData, ApiSession.PASSWORD + "\n", args);
        assertEquals(0, added.exit(), added.toString());
        return ApiSession.signIn(client(console), console.url, name);
    }

    HttpResponse<String> get(RunningConsole console, String path, ApiSession session) throws IOException,
            InterruptedException {
        return client(console).send(session.authorise(HttpRequest.newBuilder(URI.create(console.url + path)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(RunningConsole console, String path, ApiSession session, String json)
            throws IOException, InterruptedException {
        return client(console).send(session.authorise(HttpRequest.newBuilder(URI.create(console.url + path)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client(RunningConsole console) {
        ClientTls tls = new PinnedTrust(Clock.systemUTC()).forEnrolment(console.fingerprint);
        return HttpClient.newBuilder().sslContext(tls.context()).sslParameters(tls.parameters())
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static String[] append(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }
}
