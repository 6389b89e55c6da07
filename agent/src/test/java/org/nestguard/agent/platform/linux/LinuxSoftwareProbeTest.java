package org.nestguard.agent.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.platform.InstalledApp;

/**
 * Fixture formats: var-lib-dpkg-status-desktop follows dpkg's status file (base-files stanza is research F10, observed
 * on Debian 12; others written in the same format, Ubuntu's with Original-Maintainer); dpkg-info-*-list are dpkg's
 * per-package file lists; desktop-* follow the freedesktop Desktop Entry spec (firefox-esr as Debian ships it, Chrome's
 * with CRLF line ends, the snap one with snapd's X-SnapInstanceName); snap-yaml-* follow snapd's meta/snap.yaml.
 */
class LinuxSoftwareProbeTest {
    @TempDir
    Path dir;
    HostTree tree;

    @BeforeEach
    void laptop() {
        tree = new HostTree(dir)
                .file("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\npupil:x:1001:1001::/home/pupil:/bin/bash\n")
                .fixture("/var/lib/dpkg/status", "var-lib-dpkg-status-desktop.txt")
                .fixture("/var/lib/dpkg/info/firefox-esr.list", "dpkg-info-firefox-esr-list.txt")
                .fixture("/var/lib/dpkg/info/google-chrome-stable.list", "dpkg-info-google-chrome-stable-list.txt")
                .fixture("/var/lib/dpkg/info/libreoffice-writer:amd64.list", "dpkg-info-libreoffice-writer-list.txt")
                .fixture("/usr/share/applications/firefox-esr.desktop", "desktop-firefox-esr.txt")
                .fixture("/usr/share/applications/google-chrome.desktop", "desktop-google-chrome-crlf.txt")
                .fixture("/usr/share/applications/libreoffice-writer.desktop", "desktop-libreoffice-writer.txt")
                .fixture("/usr/share/applications/helper.desktop", "desktop-nodisplay-mimeinfo.txt")
                .fixture("/var/lib/snapd/desktop/applications/scratch-desktop_scratch-desktop.desktop", "desktop-snap-scratch.txt")
                .fixture("/snap/scratch-desktop/current/meta/snap.yaml", "snap-yaml-scratch-desktop.txt")
                .fixture("/snap/core22/current/meta/snap.yaml", "snap-yaml-core22.txt")
                .dir("/var/lib/flatpak/app/org.tuxpaint.Tuxpaint/current")
                .fixture("/home/pupil/.local/share/applications/minecraft.desktop", "desktop-user-local-game.txt");
    }

    private Map<String, InstalledApp> apps() throws Exception {
        return new LinuxSoftwareProbe(tree.root()).installed().apps().stream()
                .collect(Collectors.toMap(InstalledApp::name, Function.identity()));
    }

    @Test
    void debianArchivePackageIsAnOsComponentWithItsVersion() throws Exception {
        InstalledApp firefox = apps().get("Firefox ESR");
        assertEquals("128.5.0esr-1~deb12u1", firefox.version());
        assertTrue(firefox.osComponent());
        assertNull(firefox.user());
        assertTrue(firefox.source().contains("dpkg package firefox-esr"), firefox.source());
    }

    @Test
    void thirdPartyDebIsNotAnOsComponent() throws Exception {
        InstalledApp chrome = apps().get("Google Chrome");
        assertFalse(chrome.osComponent());
        assertEquals("131.0.6778.85-1", chrome.version());
        assertEquals("Chrome Linux Team <chromium-dev@chromium.org>", chrome.publisher());
    }

    @Test
    void ubuntuPackageCountsByItsOriginalDebianMaintainerOrUbuntuAddress() throws Exception {
        assertTrue(apps().get("LibreOffice Writer").osComponent());
    }

    @Test
    void hiddenEntriesAreSkipped() throws Exception {
        assertFalse(apps().containsKey("Open With helper"));
    }

    @Test
    void snapAppTakesItsVersionFromSnapYamlAndBaseSnapIsSystem() throws Exception {
        Map<String, InstalledApp> apps = apps();
        InstalledApp scratch = apps.get("Scratch 3");
        assertEquals("3.3.0", scratch.version());
        assertFalse(scratch.osComponent());
        assertFalse(apps.containsKey("scratch-desktop"), "a snap with a menu entry is listed once");
        InstalledApp core = apps.get("core22");
        assertTrue(core.osComponent());
        assertEquals("20241001", core.version());
    }

    @Test
    void flatpakWithoutMenuEntryAndUserLocalAppAreListed() throws Exception {
        Map<String, InstalledApp> apps = apps();
        assertTrue(apps.containsKey("org.tuxpaint.Tuxpaint"));
        InstalledApp game = apps.get("Minecraft Launcher");
        assertEquals("pupil", game.user());
        assertFalse(game.osComponent());
    }

    @Test
    void aUsersDesktopEntryTooLargeToBeOneIsListedAsNotReadRatherThanRead() throws Exception {
        // sparse: 2 GiB on paper, nothing on disk; read whole it filled the agent's heap
        try (java.io.RandomAccessFile huge = new java.io.RandomAccessFile(
                tree.root().resolve("/home/pupil/.local/share/applications/huge.desktop").toFile(), "rw")) {
            huge.setLength(2L << 30);
        }

        Map<String, InstalledApp> apps = apps();

        InstalledApp refused = apps.get("huge.desktop");
        assertEquals("pupil", refused.user());
        assertTrue(refused.source().contains("holds 2147483648 bytes, more than the 1048576"), refused.source());
        assertTrue(apps.containsKey("Minecraft Launcher"), "the user's other entries are still read");
    }

    @Test
    void usrLocalEntryHidesTheSameFileInUsrShare() throws Exception {
        tree.file("/usr/local/share/applications/firefox-esr.desktop", "[Desktop Entry]\nName=Firefox (school build)\nType=Application\n");
        Map<String, InstalledApp> apps = apps();
        assertFalse(apps.containsKey("Firefox ESR"));
        assertTrue(apps.get("Firefox (school build)").source().contains("no dpkg package owns it"));
    }

    @Test
    void dpkgStatusIgnoresRemovedPackages() {
        DpkgStatus status = DpkgStatus.parse(HostTree.fixture("var-lib-dpkg-status-desktop.txt"));
        assertTrue(status.get("gnome-calculator").isEmpty(), "deinstall ok config-files is not installed");
        assertEquals("12.4+deb12u11", status.get("base-files").orElseThrow().version());
        assertTrue(DpkgStatus.fromDistribution(status.get("base-files").orElseThrow()));
    }
}
