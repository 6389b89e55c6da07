package org.nestguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.service.TestConsole;
import org.nestguard.protocol.wire.ApiError;
import org.nestguard.protocol.wire.DeviceFacts;
import picocli.CommandLine;

/** What an installer sees from {@code enroll} when things go right and wrong. */
class EnrollCommandTest {
    static final DeviceFacts FACTS = new DeviceFacts("test-host", "Linux", "Test OS", "1", null, null, null, null,
            List.of());
    static final String OTHER_FINGERPRINT = "AA:".repeat(31) + "AA";

    @TempDir
    Path data;
    TestConsole console;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        try (var in = getClass().getResourceAsStream("/policies/every-control.yaml")) {
            console = new TestConsole(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @AfterEach
    void stop() {
        console.close();
    }

    int enroll(String url, String fingerprint) {
        CommandLine line = new CommandLine(new EnrollCommand(() -> FACTS));
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        return line.execute("--console", url, "--token", "T0KEN", "--ca-fingerprint", fingerprint,
                "--data", data.resolve("agent").toString());
    }

    @Test
    void enrolsAndSaysWhereToStart() {
        assertEquals(0, enroll(console.url(), console.fingerprint()), err.toString());
        assertTrue(out.toString().contains("Enrolled as device device-1"), out.toString());
        assertTrue(Files.isRegularFile(data.resolve("agent/device.key")));
    }

    @Test
    void wrongFingerprintIsRefusedBeforeAnythingIsSent() {
        assertEquals(5, enroll(console.url(), OTHER_FINGERPRINT));
        assertEquals(0, console.enrolRequestCount(), "the token never left the device");
        assertTrue(err.toString().contains(OTHER_FINGERPRINT), err.toString());
        assertTrue(err.toString().contains(console.fingerprint()), err.toString());
        assertTrue(err.toString().contains("the console printed"), err.toString());
        assertFalse(Files.exists(data.resolve("agent/device.key")));
    }

    @Test
    void unreachableConsoleAsksWhetherItIsRunning() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertEquals(3, enroll("https://127.0.0.1:" + closed, console.fingerprint()));
        assertTrue(err.toString().contains("is it running at https://127.0.0.1:" + closed), err.toString());
    }

    @Test
    void tokenRefusalShowsTheConsolesMessage() {
        console.refuseEnrolment(new ApiError("token-used-up", "this token has been used the number of times it "
                + "allows; create a new one with nestguard-console token create"));
        assertEquals(4, enroll(console.url(), console.fingerprint()));
        assertTrue(err.toString().contains("token-used-up"), err.toString());
        assertTrue(err.toString().contains("create a new one"), err.toString());
    }

    @Test
    void malformedUrlIsAUsageError() {
        assertEquals(2, enroll("console.school:8443", console.fingerprint()));
        assertTrue(err.toString().contains("must start with https://"), err.toString());
    }
}
