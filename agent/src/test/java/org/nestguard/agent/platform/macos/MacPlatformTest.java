package org.nestguard.agent.platform.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.Platform;

/** No fixtures: checks only that the factory wires one macOS probe per concern. */
class MacPlatformTest {
    @Test
    void bundlesTheMacProbes(@TempDir Path root) throws Exception {
        Platform platform = MacPlatform.create(new FakeCommandRunner(), new HostRoot(root), Clock.systemUTC());
        assertEquals("macos", platform.name());
        assertInstanceOf(MacEncryptionProbe.class, platform.encryption());
        assertInstanceOf(MacScreenLockProbe.class, platform.screenLock());
        assertInstanceOf(MacAccountProbe.class, platform.accounts());
        assertInstanceOf(MacFirewallProbe.class, platform.firewall());
        assertInstanceOf(MacSoftwareProbe.class, platform.software());
    }
}
