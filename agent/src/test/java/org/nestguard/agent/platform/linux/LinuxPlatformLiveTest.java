package org.nestguard.agent.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.Platform;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.ProcessCommandRunner;

/**
 * Runs every Linux probe against the machine the tests run on (Debian 12 in CI, as root, possibly a container
 * without a desktop, ClamAV or firewall). Each probe must return facts with evidence or a ProbeException that says
 * why; nothing else may escape. No fixtures: the facts are whatever this machine has.
 */
class LinuxPlatformLiveTest {
    static Platform platform;

    @BeforeAll
    static void onLinuxOnly() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "live Linux probes need Linux");
        platform = LinuxPlatform.create(HostRoot.live(), new ProcessCommandRunner(), java.time.Clock.systemUTC());
    }

    /** Calls a probe: a list of facts each with a source, or a ProbeException with a message. */
    private static <T> List<T> factsOrExplained(ThrowingSupplier<List<T>> probe, Function<T, String> source) {
        try {
            List<T> facts = probe.get();
            assertNotNull(facts);
            for (T fact : facts) {
                String evidence = source.apply(fact);
                assertTrue(evidence != null && !evidence.isBlank(), "fact without evidence: " + fact);
            }
            return facts;
        } catch (ProbeException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "ProbeException without a message");
            return List.of();
        }
    }

    /** A probe call that may throw ProbeException. */
    interface ThrowingSupplier<T> {
        T get() throws ProbeException;
    }

    @Test
    void platformIsNamedLinux() {
        assertEquals("linux", platform.name());
    }

    @Test
    void encryption() {
        factsOrExplained(() -> platform.encryption().volumes(), v -> v.source());
    }

    @Test
    void screenLock() {
        factsOrExplained(() -> platform.screenLock().users(), s -> s.source());
    }

    @Test
    void accountsFindRoot() throws ProbeException {
        List<LocalAccount> accounts = factsOrExplained(() -> platform.accounts().accounts(), a -> a.source());
        LocalAccount root = accounts.stream().filter(a -> a.name().equals("root")).findFirst()
                .orElseThrow(() -> new AssertionError("root not found in " + accounts));
        assertEquals("0", root.id());
        assertTrue(root.administrator());
        assertFalse(platform.accounts().logonSettings().source().isBlank());
    }

    @Test
    void antivirus() {
        factsOrExplained(() -> platform.antivirus().products(), p -> p.source());
    }

    @Test
    void firewall() {
        factsOrExplained(() -> platform.firewall().firewalls(), f -> f.source());
    }

    @Test
    void updates() {
        factsOrExplained(() -> List.of(platform.updates().release()), r -> r.source());
        factsOrExplained(() -> platform.updates().pending().updates(), u -> u.source());
    }

    @Test
    void software() {
        factsOrExplained(() -> platform.software().installed().apps(), a -> a.source());
    }

    @Test
    void logonNotices() {
        factsOrExplained(() -> platform.logonNotice().notices(), n -> n.source());
    }
}
