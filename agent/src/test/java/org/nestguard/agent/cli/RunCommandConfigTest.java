package org.nestguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.agent.service.TestConsole;
import picocli.CommandLine;

/** {@code run --config}: a freshly installed agent enrols itself on first start, once, without leaking the token. */
class RunCommandConfigTest {
    static final String TOKEN = "tok-SECRET-4711";
    /** One quick control, so a whole check cycle takes well under a second. */
    static final String POLICY = """
            schemaVersion: 1
            setting: {id: test-school, name: Test School, source: test}
            firewall:
              clauses: [{section: "11.4", quote: "implementing appropriate filtering, firewalls"}]
            """;

    @TempDir
    Path dir;
    TestConsole console;
    StringWriter out;
    StringWriter err;

    @BeforeEach
    void start() throws Exception {
        console = new TestConsole(POLICY);
    }

    @AfterEach
    void stop() {
        console.close();
    }

    Path config(String url, String token, String mode) throws Exception {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, "console: " + url + "\ntoken: \"" + token + "\"\ncaFingerprint: \""
                + console.fingerprint() + "\"\ndata: " + dir.resolve("data") + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine line = new CommandLine(new RunCommand(() -> EnrollCommandTest.FACTS));
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("--once"));
        all.addAll(List.of(args));
        return line.execute(all.toArray(String[]::new));
    }

    @Test
    void firstStartEnrolsThenReportsAndLaterStartsDoNotEnrolAgain() throws Exception {
        Path file = config(console.url(), TOKEN, "rw-------");
        assertEquals(0, run("--config", file.toString()), out + "\n" + err);
        assertTrue(out.toString().contains("Enrolled as device device-1"), out.toString());
        assertTrue(new AgentHome(dir.resolve("data")).isEnrolled());
        assertEquals(1, console.enrolRequestCount());

        assertEquals(0, run("--config", file.toString()), out + "\n" + err);
        assertEquals(1, console.enrolRequestCount(), "an enrolled device keeps its identity on restart");
        assertFalse(out.toString().contains("Enrolled"), out.toString());
    }

    @Test
    void anUnreachableConsoleExitsNonZeroSoTheServiceManagerRetriesAndTheTokenIsNeverPrinted() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Path file = config("https://127.0.0.1:" + closed, TOKEN, "rw-------");
        assertEquals(3, run("--config", file.toString()));
        assertTrue(err.toString().contains("is it running"), err.toString());
        assertFalse((out.toString() + err).contains(TOKEN), "token printed: " + out + err);
        assertFalse(new AgentHome(dir.resolve("data")).isEnrolled());
    }

    @Test
    void aTokenInAWorldReadableFileIsRefusedBeforeAnythingIsSent() throws Exception {
        Path file = config(console.url(), TOKEN, "rw-r--r--");
        assertEquals(2, run("--config", file.toString()));
        assertTrue(err.toString().contains("chmod 600"), err.toString());
        assertEquals(0, console.enrolRequestCount());
    }

    @Test
    void notEnrolledWithoutATokenSaysWhereToPutIt() throws Exception {
        Path file = config(console.url(), "", "rw-r--r--");
        assertEquals(2, run("--config", file.toString()));
        assertTrue(err.toString().contains("has no token"), err.toString());
    }

    @Test
    void configAndDataTogetherAreRefused() throws Exception {
        Path file = config(console.url(), TOKEN, "rw-------");
        assertEquals(2, run("--config", file.toString(), "--data", dir.toString()));
        assertTrue(err.toString().contains("not both"), err.toString());
    }
}
