package org.nestguard.agent.enrolment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installer-written agent.yaml: what is accepted, and the errors an operator gets for what is not. */
class AgentConfigTest {
    @TempDir
    Path dir;

    Path write(String yaml, String mode) throws Exception {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, yaml);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void readsWhatTheInstallerWrites() throws Exception {
        AgentConfig config = AgentConfig.read(write("""
                # written by the installer
                console: https://console.school.example:8443
                token: "tok-123"
                caFingerprint: "AB:CD"
                data: /var/lib/nestguard
                """, "rw-------"));
        assertEquals("https://console.school.example:8443", config.console());
        assertEquals("tok-123", config.token());
        assertEquals("AB:CD", config.caFingerprint());
        assertEquals(Path.of("/var/lib/nestguard"), config.dataOrDefault());
        assertTrue(config.hasToken());
    }

    @Test
    void withoutDataTheDefaultFolderIsUsedAndAnEmptyTokenIsNoToken() throws Exception {
        AgentConfig config = AgentConfig.read(write("console: https://c:8443\ntoken: \"\"\ncaFingerprint: AB\n",
                "rw-r--r--"));
        assertNull(config.data());
        assertEquals(AgentHome.defaultRoot(), config.dataOrDefault());
        assertFalse(config.hasToken(), "an enrolled device's config may keep no token, readable by others");
    }

    @Test
    void aTokenOthersCanReadIsRefusedWithTheCommandThatFixesIt() throws Exception {
        Path file = write("console: https://c:8443\ntoken: secret-token\ncaFingerprint: AB\n", "rw-r--r--");
        var e = assertThrows(AgentConfig.InvalidConfigException.class, () -> AgentConfig.read(file));
        assertTrue(e.getMessage().contains("chmod 600 " + file), e.getMessage());
        assertFalse(e.getMessage().contains("secret-token"), "the token is never repeated in a message");
    }

    @Test
    void aMisspelledFieldIsNamedWithItsLine() throws Exception {
        Path file = write("console: https://c:8443\ncaFingerprint: AB\ntokn: x\n", "rw-------");
        var e = assertThrows(AgentConfig.InvalidConfigException.class, () -> AgentConfig.read(file));
        assertTrue(e.getMessage().contains("unknown field 'tokn'"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void aMissingConsoleOrFingerprintSaysWhatItMustBe() throws Exception {
        var noConsole = assertThrows(AgentConfig.InvalidConfigException.class,
                () -> AgentConfig.read(write("token: t\ncaFingerprint: AB\n", "rw-------")));
        assertTrue(noConsole.getMessage().contains("field 'console' is missing"), noConsole.getMessage());
        var noFingerprint = assertThrows(AgentConfig.InvalidConfigException.class,
                () -> AgentConfig.read(write("console: https://c\n", "rw-------")));
        assertTrue(noFingerprint.getMessage().contains("'caFingerprint'"), noFingerprint.getMessage());
    }

    @Test
    void aMissingOrEmptyFileSaysSo() throws Exception {
        var missing = assertThrows(AgentConfig.InvalidConfigException.class,
                () -> AgentConfig.read(dir.resolve("nope.yaml")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        var empty = assertThrows(AgentConfig.InvalidConfigException.class,
                () -> AgentConfig.read(write("", "rw-------")));
        assertTrue(empty.getMessage().contains("is empty"), empty.getMessage());
    }
}
