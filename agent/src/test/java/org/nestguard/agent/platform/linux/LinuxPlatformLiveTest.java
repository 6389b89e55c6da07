package org.nestguard.agent.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nestguard.agent.platform.AntivirusProduct;
import org.nestguard.agent.platform.FirewallState;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.LogonNotice;
import org.nestguard.agent.platform.OsRelease;
import org.nestguard.agent.platform.PendingUpdates;
import org.nestguard.agent.platform.Platform;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.ProcessCommandRunner;
import org.nestguard.agent.platform.ScreenLockSetting;
import org.nestguard.agent.platform.VolumeEncryption;
import org.nestguard.agent.platform.VolumeEncryption.EncryptionState;
import org.nestguard.agent.platform.VolumeEncryption.VolumeRole;

/**
 * Runs every Linux probe against the machine the tests run on (Debian 12 in CI, as root, possibly a container
 * without a desktop, ClamAV or firewall) and checks the facts it is known to have: root is uid 0, an interactive
 * administrator; the release is Debian 12; the root mount is reported (UNKNOWN inside a container); without ClamAV or
 * a firewall program the lists are empty. A wrong reading of this machine fails here.
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

    private static boolean anyExists(String... paths) {
        return java.util.Arrays.stream(paths).anyMatch(p -> Files.exists(Path.of(p)));
    }

    @Test
    void encryptionReportsTheRootMountOrSaysWhyNot() {
        List<VolumeEncryption> volumes;
        try {
            volumes = platform.encryption().volumes();
        } catch (ProbeException e) {
            assertTrue(e.getMessage().contains("/proc") || e.getMessage().contains("/sys"), e.getMessage());
            return;
        }
        VolumeEncryption root = volumes.stream().filter(v -> v.volume().equals("/")).findFirst()
                .orElseThrow(() -> new AssertionError("no entry for / in " + volumes));
        assertEquals(VolumeRole.SYSTEM, root.role());
        if (anyExists("/.dockerenv", "/run/.containerenv", "/run/systemd/container")) {
            assertEquals(EncryptionState.UNKNOWN, root.state(), "inside a container the host's disk cannot be judged");
            assertTrue(root.source().contains("container"), root.source());
        } else {
            assertNotNull(root.state());
            assertFalse(root.source().isBlank());
        }
    }

    @Test
    void screenLockIsForDesktopUsersNeverRoot() {
        List<ScreenLockSetting> settings = factsOrExplained(() -> platform.screenLock().users(), s -> s.source());
        assertTrue(settings.stream().noneMatch(s -> s.user().equals("root")), settings.toString());
    }

    @Test
    void accountsFindRootAsAnInteractiveAdministrator() throws ProbeException {
        List<LocalAccount> accounts = platform.accounts().accounts();
        LocalAccount root = accounts.stream().filter(a -> a.name().equals("root")).findFirst()
                .orElseThrow(() -> new AssertionError("root not found in " + accounts));
        assertEquals("0", root.id());
        assertEquals(Boolean.TRUE, root.administrator());
        assertTrue(root.interactive(), "Debian's root has /bin/bash");
        assertFalse(root.disabled(), root.source());
        assertNotEquals(LocalAccount.PasswordState.UNKNOWN, root.password(), "running as root, /etc/shadow is readable: "
                + root.source());
        LocalAccount nobody = accounts.stream().filter(a -> a.name().equals("nobody")).findFirst().orElseThrow();
        assertFalse(nobody.interactive());
        assertTrue(nobody.disabled(), "nobody has /usr/sbin/nologin");
        assertFalse(platform.accounts().logonSettings().source().isBlank());
    }

    @Test
    void antivirusListIsEmptyWithoutClamAv() {
        List<AntivirusProduct> products = factsOrExplained(() -> platform.antivirus().products(), p -> p.source());
        if (!anyExists("/usr/bin/clamscan", "/usr/sbin/clamd", "/usr/bin/freshclam", "/var/lib/clamav")) {
            assertEquals(List.of(), products, "ClamAV is not installed here");
        }
    }

    @Test
    void firewallListIsEmptyWithoutAFirewallProgram() {
        List<FirewallState> firewalls = factsOrExplained(() -> platform.firewall().firewalls(), f -> f.source());
        if (!anyExists("/usr/sbin/nft", "/usr/sbin/iptables", "/etc/ufw/ufw.conf", "/usr/sbin/firewalld",
                "/etc/firewalld/firewalld.conf")) {
            assertEquals(List.of(), firewalls);
        }
    }

    @Test
    void releaseIsDebian12AndAptAnswers() throws ProbeException {
        OsRelease release = platform.updates().release();
        assertEquals("debian", release.family(), "CI runs on Debian 12");
        assertEquals("12", release.version());
        assertTrue(release.name().startsWith("Debian GNU/Linux 12"), release.name());
        PendingUpdates pending = platform.updates().pending(); // apt-get -s runs as root without network
        assertFalse(pending.catalogSource().isBlank());
        boolean hasReleaseFiles;
        try (var files = Files.list(Path.of("/var/lib/apt/lists"))) {
            hasReleaseFiles = files.anyMatch(f -> f.getFileName().toString().endsWith("Release"));
        } catch (java.io.IOException e) {
            hasReleaseFiles = false;
        }
        assertEquals(hasReleaseFiles, pending.catalogRefreshed() != null, pending.catalogSource());
        pending.updates().forEach(u -> assertFalse(u.source().isBlank()));
    }

    @Test
    void software() {
        factsOrExplained(() -> platform.software().installed().apps(), a -> a.source());
    }

    @Test
    void logonNoticesAreNotDebiansStockText() {
        List<LogonNotice> notices = factsOrExplained(() -> platform.logonNotice().notices(), n -> n.source());
        assertTrue(notices.stream().noneMatch(n -> n.text().startsWith("Debian GNU/Linux 12")), notices.toString());
        if (!DisplayManagers.detect(HostRoot.live()).any()) {
            assertTrue(notices.stream().noneMatch(n -> n.stage() == LogonNotice.Stage.BEFORE_SECONDARY_LOGON),
                    "without a greeter the console and SSH are the way in: " + notices);
        }
    }
}
