package org.nestguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.enrolment.AgentConfig;
import picocli.CommandLine;

/** {@code configure}, as the MSI's and pkg's install scripts run it: a file run --config reads back, owner-only. */
class ConfigureCommandTest {
    static final String FINGERPRINT = "AB:".repeat(31) + "CD";
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int configure(String console, String token, String fingerprint, Path file) {
        CommandLine line = AgentCommand.commandLine();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        return line.execute("configure", "--console", console, "--token", token, "--ca-fingerprint", fingerprint,
                "--config", file.toString(), "--data", dir.resolve("data").toString());
    }

    @Test
    void writesAnOwnerOnlyFileThatRunConfigReadsBack() throws Exception {
        Path file = dir.resolve("etc/agent.yaml");
        assertEquals(0, configure("https://console.school.example:8443", "ngt_abc-123", FINGERPRINT, file),
                err.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        AgentConfig read = AgentConfig.read(file);
        assertEquals("https://console.school.example:8443", read.console());
        assertEquals("ngt_abc-123", read.token());
        assertEquals(FINGERPRINT, read.caFingerprint());
        assertEquals(dir.resolve("data"), read.data());
        assertFalse(out.toString().contains("ngt_abc-123"), "token printed: " + out);
    }

    @Test
    void aMalformedFingerprintWritesNothingAndSaysWhatIsExpected() {
        Path file = dir.resolve("agent.yaml");
        assertEquals(2, configure("https://c:8443", "t", "AB:CD", file));
        assertTrue(err.toString().contains("nothing written"), err.toString());
        assertTrue(err.toString().contains("fingerprint"), err.toString());
        assertFalse(Files.exists(file));
    }

    @Test
    void aTokenWithQuotesOrSpacesIsRefused() {
        Path file = dir.resolve("agent.yaml");
        assertEquals(2, configure("https://c:8443", "a\" b", FINGERPRINT, file));
        assertFalse(Files.exists(file));
    }
}
