package org.nestguard.installers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.enrolment.AgentConfig;

/**
 * installers/linux/agent/write-config, which the .deb and .rpm run at install: the NESTGUARD_* variables become
 * an agent.yaml the agent reads back (through its own reader), owner-only; bad or partial values write nothing.
 * Needs root (it makes the file root's), as package installs do; skipped otherwise.
 */
class LinuxConfigWriterTest {
    static final Path SCRIPT = Command.INSTALLERS.resolve("linux/agent/write-config");
    static final String FINGERPRINT = "AB:".repeat(31) + "CD";
    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void needRoot() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Command.root(), "not root: write-config makes a root-owned "
                + "file, as at package install; skipped");
        config = dir.resolve("etc/nestguard/agent.yaml");
    }

    Command write(String url, String token, String fingerprint) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("NESTGUARD_AGENT_CONFIG", config.toString()));
        if (url != null) {
            env.put("NESTGUARD_CONSOLE_URL", url);
        }
        if (token != null) {
            env.put("NESTGUARD_ENROLL_TOKEN", token);
        }
        if (fingerprint != null) {
            env.put("NESTGUARD_CA_FINGERPRINT", fingerprint);
        }
        return Command.run(List.of("sh", SCRIPT.toString()), env);
    }

    @Test
    void theVariablesBecomeAnOwnerOnlyFileTheAgentReads() throws Exception {
        Command written = write("https://console.school.example:8443", "ngt_abc-123", FINGERPRINT);
        assertEquals(0, written.exit(), written.toString());
        assertFalse(written.out().contains("ngt_abc-123") || written.err().contains("ngt_abc-123"), "token printed");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        AgentConfig read = AgentConfig.read(config);
        assertEquals("https://console.school.example:8443", read.console());
        assertEquals("ngt_abc-123", read.token());
        assertEquals(FINGERPRINT, read.caFingerprint());
        assertEquals(Path.of("/var/lib/nestguard"), read.data(), "the one folder the unit lets the agent write");
    }

    @Test
    void withoutVariablesAnExistingFileIsKeptAndMadeOwnerOnly() throws Exception {
        assertEquals(0, write("https://c.example:8443", "t1", FINGERPRINT).exit());
        String before = Files.readString(config);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(0, write(null, null, null).exit());
        assertEquals(before, Files.readString(config), "an upgrade without variables keeps the configuration");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
    }

    @Test
    void withNothingAtAllItSaysHowToConfigureAndExits3() throws Exception {
        Command none = write(null, null, null);
        assertEquals(3, none.exit(), none.toString());
        assertTrue(none.err().contains("NESTGUARD_CONSOLE_URL=") && none.err().contains("systemctl start"), none.err());
        assertFalse(Files.exists(config));
    }

    @Test
    void partialOrMalformedValuesWriteNothingAndNameTheProblem() throws Exception {
        Command partial = write("https://c.example:8443", null, FINGERPRINT);
        assertEquals(1, partial.exit());
        assertTrue(partial.err().contains("missing: NESTGUARD_ENROLL_TOKEN"), partial.err());
        Command http = write("http://c.example:8443", "t", FINGERPRINT);
        assertEquals(1, http.exit());
        assertTrue(http.err().contains("is not an https:// URL"), http.err());
        Command quote = write("https://c.example:8443", "t\"; rm -rf /", FINGERPRINT);
        assertEquals(1, quote.exit());
        assertTrue(quote.err().contains("NESTGUARD_ENROLL_TOKEN has characters"), quote.err());
        Command shortFingerprint = write("https://c.example:8443", "t", "AB:CD");
        assertEquals(1, shortFingerprint.exit());
        assertTrue(shortFingerprint.err().contains("is not a SHA-256 fingerprint"), shortFingerprint.err());
        assertFalse(Files.exists(config), "nothing written");
    }
}
