package org.nestguard.agent.platform.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nestguard.agent.platform.FirewallState;
import org.nestguard.agent.platform.ProbeException;

/**
 * Fixture formats: socketfilterfw-getglobalstate-{on,off}.txt are the exact lines of research §5 F6 (confirmed by a
 * public direct capture); -blockall.txt is the State = 2 form of §3(e); the stealth-mode and block-all lines follow
 * the same tool's wording as quoted in public hardening guides (unverified). socketfilterfw is not localized; the
 * -localized-unknown fixture is hypothetical and must not be read as on or off.
 */
class MacFirewallProbeTest {
    private static final String FW = MacFirewallProbe.SOCKETFILTERFW;

    private static FirewallState read(String globalFixture) throws ProbeException {
        FakeCommandRunner runner = new FakeCommandRunner()
                .stdout(FW + " --getglobalstate", globalFixture)
                .stdout(FW + " --getstealthmode", "socketfilterfw-getstealthmode-on.txt")
                .stdout(FW + " --getblockall", "socketfilterfw-getblockall-off.txt");
        return new MacFirewallProbe(runner).firewalls().get(0);
    }

    @Test
    void enabled() throws ProbeException {
        FirewallState state = read("socketfilterfw-getglobalstate-on.txt");
        assertEquals(Boolean.TRUE, state.enabled());
        assertTrue(state.detail().contains("Firewall is enabled. (State = 1)"), state.detail());
        assertTrue(state.detail().contains("stealth mode is on"), state.detail());
        assertTrue(state.source().endsWith("socketfilterfw --getglobalstate"));
    }

    @Test
    void disabled() throws ProbeException {
        assertEquals(Boolean.FALSE, read("socketfilterfw-getglobalstate-off.txt").enabled());
    }

    @Test
    void blockAllIsEnabledAndSaysSo() throws ProbeException {
        FirewallState state = read("socketfilterfw-getglobalstate-blockall.txt");
        assertEquals(Boolean.TRUE, state.enabled());
        assertTrue(state.detail().contains("blocks all incoming"), state.detail());
    }

    @Test
    void unrecognisedOutputIsUnknownNotOff() throws ProbeException {
        assertNull(read("socketfilterfw-getglobalstate-localized-unknown.txt").enabled());
    }

    @Test
    void missingToolIsAProbeException() {
        assertThrows(ProbeException.class, () -> new MacFirewallProbe(new FakeCommandRunner()).firewalls());
    }
}
