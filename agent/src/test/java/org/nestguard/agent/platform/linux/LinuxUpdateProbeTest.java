package org.nestguard.agent.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.platform.OsRelease;
import org.nestguard.agent.platform.PendingUpdate;
import org.nestguard.agent.platform.PendingUpdates;
import org.nestguard.agent.platform.ProbeException;

/**
 * Fixture formats: apt-get-s-dist-upgrade-debian12 and etc-os-release-debian12 are real captures from this Debian 12
 * machine (`apt-get -s -o Debug::NoLocking=1 dist-upgrade`, run as root); the Ubuntu 22.04 apt output is written in the
 * same format with Ubuntu's origins (as in research F12's jammy-updates/jammy-security suites) and the non-root NOTE
 * apt-get prints; dnf-* follow dnf 4's check-update and updateinfo columns and dnf 5's updateinfo table (written from
 * their documented formats: no dnf on this machine); etc-os-release-ubuntu-2204 is Ubuntu's shipped file; trixie-sid shows Debian testing without VERSION_ID.
 */
class LinuxUpdateProbeTest {
    @TempDir
    Path dir;

    @Test
    void debianReleaseFromOsRelease() throws Exception {
        OsRelease release = new LinuxUpdateProbe(new HostTree(dir).fixture("/etc/os-release", "etc-os-release-debian12.txt")
                .root(), new FixtureCommandRunner()).release();
        assertEquals("debian", release.family());
        assertEquals("Debian GNU/Linux 12 (bookworm)", release.name());
        assertEquals("12", release.version());
        assertNull(release.build());
        assertTrue(release.source().startsWith("/etc/os-release"));
    }

    @Test
    void testingWithoutVersionIdHasNullVersionAndSaysSo() throws Exception {
        OsRelease release = new LinuxUpdateProbe(new HostTree(dir).fixture("/usr/lib/os-release",
                "etc-os-release-debian-trixie-sid.txt").root(), new FixtureCommandRunner()).release();
        assertNull(release.version());
        assertTrue(release.source().contains("/usr/lib/os-release ID=debian VERSION_ID=(missing)"));
    }

    @Test
    void debianSecurityUpdatesAreMarkedFromTheSecuritySuite() throws Exception {
        HostTree tree = new HostTree(dir).fixture("/etc/os-release", "etc-os-release-debian12.txt")
                .file("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease", "");
        FixtureCommandRunner runner = new FixtureCommandRunner().answer("apt-get -s -o Debug::NoLocking=1 dist-upgrade",
                HostTree.fixture("apt-get-s-dist-upgrade-debian12.txt"));
        Map<String, PendingUpdate> updates = new LinuxUpdateProbe(tree.root(), runner, true).pending().updates().stream()
                .collect(Collectors.toMap(PendingUpdate::name, Function.identity()));
        assertEquals(124, updates.size());
        assertTrue(updates.get("liblzma5").security());
        assertEquals("5.4.1-1+deb12u2", updates.get("liblzma5").version());
        assertTrue(updates.get("libgcrypt20").security(), "offered by both the point release and the security suite");
        assertFalse(updates.get("bash").security());
        assertNull(updates.get("bash").availableSince(), "apt has no publish date");
        assertTrue(updates.get("bash").source().contains("installed 5.2.15-2+b8, offered by Debian:12.15/oldstable"));
        assertTrue(updates.get("bash").source().contains("package lists last refreshed"));
    }

    @Test
    void aptIsAskedAgainOnlyWhenInstalledPackagesOrPackageListsChange() throws Exception {
        HostTree tree = new HostTree(dir).fixture("/etc/os-release", "etc-os-release-debian12.txt")
                .file("/var/lib/dpkg/status", "Package: bash\n")
                .file("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease", "");
        FixtureCommandRunner runner = new FixtureCommandRunner().answer("apt-get -s -o Debug::NoLocking=1 dist-upgrade",
                HostTree.fixture("apt-get-s-dist-upgrade-debian12.txt"));
        LinuxUpdateProbe probe = new LinuxUpdateProbe(tree.root(), runner, true);
        List<PendingUpdate> first = probe.pending().updates();
        assertEquals(first, probe.pending().updates());
        assertEquals(1, runner.calls.stream().filter(c -> c.startsWith("apt-get")).count(), "unchanged state: cached");
        java.nio.file.Files.setLastModifiedTime(dir.resolve("var/lib/dpkg/status"),
                java.nio.file.attribute.FileTime.from(java.time.Instant.parse("2030-01-01T00:00:00Z")));
        probe.pending().updates();
        assertEquals(2, runner.calls.stream().filter(c -> c.startsWith("apt-get")).count(), "packages changed: asked again");
    }

    @Test
    void dnfWithoutReadableAdvisoriesIsAProbeExceptionNotAllNonSecurity() {
        HostTree tree = new HostTree(dir).file("/etc/os-release", "NAME=\"Fedora Linux\"\nID=fedora\nVERSION_ID=40\n");
        FixtureCommandRunner runner = new FixtureCommandRunner()
                .answer("dnf -q --cacheonly check-update", 100, HostTree.fixture("dnf-check-update-fedora40.txt"), "")
                .answer("dnf -q --cacheonly updateinfo list --security", 1, "", "Error: cache empty");
        ProbeException e = assertThrows(ProbeException.class, () -> new LinuxUpdateProbe(tree.root(), runner, true).pending().updates());
        assertTrue(e.getMessage().contains("cannot be told"), e.getMessage());
    }

    @Test
    void ubuntuNewPackagesAreNotUpdatesButKernelMetapackageIs() {
        AptSimulation sim = AptSimulation.parse(HostTree.fixture("apt-get-s-dist-upgrade-ubuntu-jammy.txt").replace("\n", "\r\n"));
        assertEquals(List.of("accountsservice", "apt", "libc6", "linux-generic"),
                sim.upgrades().stream().map(AptSimulation.Upgrade::name).toList());
        assertEquals(2, sim.newPackages());
        assertTrue(sim.upgrades().get(0).security());
        assertFalse(sim.upgrades().get(1).security());
        assertTrue(sim.problems().isEmpty());
        assertEquals(1, AptSimulation.parse("Inst broken line without parens").problems().size());
    }

    @Test
    void aptFailureAndOfflineRootAreProbeExceptions() {
        HostTree tree = new HostTree(dir).fixture("/etc/os-release", "etc-os-release-ubuntu-2204.txt");
        FixtureCommandRunner failing = new FixtureCommandRunner().answer("dist-upgrade", 100, "",
                "E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)");
        ProbeException failed = assertThrows(ProbeException.class,
                () -> new LinuxUpdateProbe(tree.root(), failing, true).pending().updates());
        assertTrue(failed.getMessage().contains("exit 100") && failed.getMessage().contains("Permission denied"));
        ProbeException offline = assertThrows(ProbeException.class,
                () -> new LinuxUpdateProbe(tree.root(), failing, false).pending().updates());
        assertTrue(offline.getMessage().contains("running system"), offline.getMessage());
    }

    @Test
    void fedoraUpdatesFromDnfCacheWithSecurityAdvisories() throws Exception {
        HostTree tree = new HostTree(dir).file("/etc/os-release", "NAME=\"Fedora Linux\"\nID=fedora\nVERSION_ID=40\n");
        FixtureCommandRunner runner = new FixtureCommandRunner()
                .answer("dnf -q --cacheonly check-update", 100, HostTree.fixture("dnf-check-update-fedora40.txt"), "")
                .answer("dnf -q --cacheonly updateinfo list --security", 0,
                        HostTree.fixture("dnf-updateinfo-list-security-fedora40.txt"), "");
        Map<String, PendingUpdate> updates = new LinuxUpdateProbe(tree.root(), runner, true).pending().updates().stream()
                .collect(Collectors.toMap(PendingUpdate::name, Function.identity()));
        assertEquals(java.util.Set.of("firefox", "kernel", "python3-requests"), updates.keySet(),
                "the Obsoleting Packages section is not updates");
        assertTrue(updates.get("firefox").security());
        assertFalse(updates.get("python3-requests").security());
        assertEquals("6.8.9-300.fc40", updates.get("kernel").version());
        assertEquals(java.util.Set.of("firefox"),
                DnfUpdates.parseSecurityNames(HostTree.fixture("dnf5-updateinfo-list-security-fedora41.txt")));
    }

    @Test
    void dnfCatalogueAgeIsTheNewestCachedRepomdAndNullWithoutOne() throws Exception {
        HostTree tree = new HostTree(dir).file("/etc/os-release", "NAME=\"Fedora Linux\"\nID=fedora\nVERSION_ID=41\n");
        FixtureCommandRunner runner = new FixtureCommandRunner()
                .answer("dnf -q --cacheonly check-update", 0, "", "")
                .answer("dnf -q --cacheonly updateinfo list --security", 0, "", "");
        PendingUpdates none = new LinuxUpdateProbe(tree.root(), runner, true).pending();
        assertNull(none.catalogRefreshed());
        assertTrue(none.catalogSource().contains("dnf makecache"), none.catalogSource());

        tree.file("/var/cache/libdnf5/fedora-2ec0f9b4bd2a8b63/repodata/repomd.xml", "<repomd/>")
                .file("/var/cache/libdnf5/updates-0a2b5d6e7f1c3d4e/repodata/repomd.xml", "<repomd/>");
        Instant older = Instant.parse("2026-10-01T08:00:00Z");
        Instant newer = Instant.parse("2026-10-30T08:00:00Z");
        Files.setLastModifiedTime(dir.resolve("var/cache/libdnf5/fedora-2ec0f9b4bd2a8b63/repodata/repomd.xml"),
                FileTime.from(older));
        Files.setLastModifiedTime(dir.resolve("var/cache/libdnf5/updates-0a2b5d6e7f1c3d4e/repodata/repomd.xml"),
                FileTime.from(newer));
        PendingUpdates cached = new LinuxUpdateProbe(tree.root(), runner, true).pending();
        assertEquals(newer, cached.catalogRefreshed());
        assertTrue(cached.catalogSource().startsWith("newest repodata/repomd.xml"), cached.catalogSource());
    }

    @Test
    void unknownDistributionIsNotGuessed() {
        HostTree tree = new HostTree(dir).file("/etc/os-release", "ID=arch\n");
        ProbeException e = assertThrows(ProbeException.class,
                () -> new LinuxUpdateProbe(tree.root(), new FixtureCommandRunner(), true).pending().updates());
        assertTrue(e.getMessage().contains("arch"));
    }
}
