package org.nestguard.agent.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.ScreenLockSetting;

/**
 * Fixture formats: gsettings-get-* are `gsettings get` outputs as observed on this Debian 12 machine and in the research
 * file F7 ("true", "uint32 300"); gsettings-get-no-such-key follows glib's error text. kscreenlockerrc-* follow
 * KDE/kscreenlocker's kcfg ([Daemon] Autolock, Timeout, LockGrace, LockOnResume). dconf-* follow the dconf(7) keyfile
 * and locks formats.
 */
class LinuxScreenLockProbeTest {
    @TempDir
    Path dir;

    private HostTree desktop(String shellMarker) {
        return new HostTree(dir).file("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n"
                        + "teacher:x:1000:1000::/home/teacher:/bin/bash\n"
                        + "homeless:x:1001:1001::/nonexistent:/bin/bash\n")
                .dir("/home/teacher").file(shellMarker, "");
    }

    private FixtureCommandRunner gsettings(String lockEnabled, String idleDelay, String lockDelay) {
        return new FixtureCommandRunner()
                .answer("gsettings get org.gnome.desktop.screensaver lock-enabled", HostTree.fixture(lockEnabled))
                .answer("gsettings get org.gnome.desktop.session idle-delay", HostTree.fixture(idleDelay))
                .answer("gsettings get org.gnome.desktop.screensaver lock-delay", HostTree.fixture(lockDelay))
                .answer("gsettings get org.gnome.desktop.lockdown disable-lock-screen",
                        HostTree.fixture("gsettings-get-disable-lock-screen-false.txt"));
    }

    @Test
    void gnomeIdleDelayPlusLockDelayIsTheTimeToLock() {
        ScreenLockSetting s = LinuxScreenLockProbe.gnomeSetting("teacher", java.util.Map.of(
                "lock-enabled", HostTree.fixture("gsettings-get-lock-enabled-true.txt"),
                "idle-delay", HostTree.fixture("gsettings-get-idle-delay-300.txt"),
                "lock-delay", HostTree.fixture("gsettings-get-lock-delay-30.txt")), "gsettings");
        assertEquals(Boolean.TRUE, s.lockEnabled());
        assertEquals(Duration.ofSeconds(330), s.idleBeforeLock());
        assertEquals(Boolean.TRUE, s.passwordOnWake());
        assertNull(s.unreadableReason());
    }

    @Test
    void gnomeIdleDelayZeroNeverLocks() {
        ScreenLockSetting s = LinuxScreenLockProbe.gnomeSetting("teacher", java.util.Map.of(
                "lock-enabled", "true", "idle-delay", HostTree.fixture("gsettings-get-idle-delay-0.txt"),
                "lock-delay", "uint32 0"), "gsettings");
        assertEquals(Boolean.FALSE, s.lockEnabled());
        assertNull(s.idleBeforeLock());
    }

    @Test
    void gnomeOutputNotUnderstoodIsUnreadableNotAssumed() {
        ScreenLockSetting s = LinuxScreenLockProbe.gnomeSetting("teacher", java.util.Map.of(
                "lock-enabled", "true", "idle-delay", HostTree.fixture("gsettings-get-no-such-key.txt"),
                "lock-delay", "uint32 0"), "gsettings");
        assertNull(s.lockEnabled());
        assertTrue(s.unreadableReason().contains("could not understand"));
    }

    @Test
    void liveGnomeRunsGsettingsAsTheUserWithTheSessionBus() throws Exception {
        HostTree tree = desktop("/usr/bin/gnome-shell").file("/run/user/1000/bus", "");
        FixtureCommandRunner runner = gsettings("gsettings-get-lock-enabled-true.txt",
                "gsettings-get-idle-delay-300.txt", "gsettings-get-lock-delay-0.txt");
        List<ScreenLockSetting> settings = new LinuxScreenLockProbe(tree.root(), runner, true).users();
        assertEquals(1, settings.size());
        assertEquals(Duration.ofSeconds(300), settings.get(0).idleBeforeLock());
        assertEquals("runuser -u teacher -- env HOME=/home/teacher DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus "
                + "XDG_RUNTIME_DIR=/run/user/1000 gsettings get org.gnome.desktop.screensaver lock-enabled", runner.calls.get(0));
        assertTrue(settings.get(0).source().contains("in the user's session"), settings.get(0).source());
    }

    @Test
    void liveGnomeWithoutSessionSaysSoAndFailureIsUnreadable() throws Exception {
        HostTree tree = desktop("/usr/bin/gnome-shell");
        FixtureCommandRunner runner = gsettings("gsettings-get-lock-enabled-false.txt",
                "gsettings-get-idle-delay-300.txt", "gsettings-get-lock-delay-0.txt");
        ScreenLockSetting s = new LinuxScreenLockProbe(tree.root(), runner, true).users().get(0);
        assertEquals(Boolean.FALSE, s.lockEnabled());
        assertTrue(s.source().contains("without a session"), s.source());

        FixtureCommandRunner failing = new FixtureCommandRunner().answer(
                "gsettings get org.gnome.desktop.screensaver lock-enabled", 1, "", "runuser: may not be used by non-root users");
        ScreenLockSetting unreadable = new LinuxScreenLockProbe(tree.root(), failing, true).users().get(0);
        assertNull(unreadable.lockEnabled());
        assertTrue(unreadable.unreadableReason().contains("non-root"), unreadable.unreadableReason());
    }

    @Test
    void offlineGnomeWithoutLocksIsUnreadableAndRunsNoCommand() throws Exception {
        HostTree tree = desktop("/usr/bin/gnome-shell")
                .fixture("/etc/dconf/db/local.d/00-school-screensaver", "dconf-local-d-00-school-screensaver.txt");
        FixtureCommandRunner runner = new FixtureCommandRunner();
        ScreenLockSetting s = new LinuxScreenLockProbe(tree.root(), runner).users().get(0);
        assertTrue(runner.calls.isEmpty(), "a disk image must not run gsettings against the agent's own machine");
        assertNull(s.lockEnabled());
        assertTrue(s.unreadableReason().contains("cannot be read without the running system"), s.unreadableReason());
    }

    @Test
    void offlineGnomeUsesLockedMachineDefaults() throws Exception {
        HostTree tree = desktop("/usr/bin/gnome-shell")
                .fixture("/etc/dconf/db/local.d/00-school-screensaver", "dconf-local-d-00-school-screensaver.txt")
                .fixture("/etc/dconf/db/local.d/locks/screensaver", "dconf-locks-screensaver.txt");
        ScreenLockSetting s = new LinuxScreenLockProbe(tree.root(), new FixtureCommandRunner()).users().get(0);
        assertEquals(Boolean.TRUE, s.lockEnabled());
        assertEquals(Duration.ofSeconds(300), s.idleBeforeLock());
        assertTrue(s.source().contains("(all locked)"), s.source());
    }

    @Test
    void kdeTimeoutInMinutesPlusGrace() throws Exception {
        HostTree tree = desktop("/usr/bin/plasmashell")
                .fixture("/home/teacher/.config/kscreenlockerrc", "kscreenlockerrc-timeout-10.txt");
        ScreenLockSetting s = new LinuxScreenLockProbe(tree.root(), new FixtureCommandRunner()).users().get(0);
        assertEquals("KDE", s.environment());
        assertEquals(Boolean.TRUE, s.lockEnabled());
        assertEquals(Duration.ofMinutes(10).plusSeconds(30), s.idleBeforeLock());
        assertEquals(Boolean.TRUE, s.passwordOnWake(), "LockOnResume defaults to true");
        assertTrue(s.source().contains("/home/teacher/.config/kscreenlockerrc"));
    }

    @Test
    void aUsersKdeFileThatIsAPipeOrALinkIsUnreadableNotWaitedFor() throws Exception {
        // The user owns ~/.config: a named pipe there once kept the agent waiting for ever on its main loop.
        HostTree tree = desktop("/usr/bin/plasmashell").dir("/home/teacher/.config");
        java.nio.file.Path file = tree.root().resolve("/home/teacher/.config/kscreenlockerrc");
        Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).start();
        assertEquals(0, mkfifo.waitFor());

        ScreenLockSetting pipe = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> new LinuxScreenLockProbe(tree.root(), new FixtureCommandRunner()).users().get(0));

        assertNull(pipe.lockEnabled());
        assertTrue(pipe.unreadableReason().contains("kscreenlockerrc is a pipe, socket or device, not a file"),
                pipe.unreadableReason());

        java.nio.file.Files.delete(file);
        java.nio.file.Files.createSymbolicLink(file, java.nio.file.Path.of("/dev/zero"));
        ScreenLockSetting link = new LinuxScreenLockProbe(tree.root(), new FixtureCommandRunner()).users().get(0);
        assertTrue(link.unreadableReason().contains("kscreenlockerrc is a symbolic link, not a file"),
                link.unreadableReason());
    }

    @Test
    void kdeWithoutAUserFileUsesKdeDefaults() throws Exception {
        HostTree tree = desktop("/usr/bin/plasmashell");
        ScreenLockSetting s = new LinuxScreenLockProbe(tree.root(), new FixtureCommandRunner()).users().get(0);
        assertEquals(Duration.ofMinutes(5).plusSeconds(5), s.idleBeforeLock());
        assertTrue(s.source().contains("no kscreenlockerrc") && s.source().contains("KDE defaults"), s.source());
    }

    @Test
    void kdeAutolockOffAndBrokenTimeout() throws Exception {
        HostTree tree = desktop("/usr/bin/plasmashell")
                .fixture("/home/teacher/.config/kscreenlockerrc", "kscreenlockerrc-autolock-off.txt");
        ScreenLockSetting off = new LinuxScreenLockProbe(tree.root(), new FixtureCommandRunner()).users().get(0);
        assertEquals(Boolean.FALSE, off.lockEnabled());
        assertNull(off.idleBeforeLock());
        assertEquals(Boolean.FALSE, off.passwordOnWake());

        tree.fixture("/home/teacher/.config/kscreenlockerrc", "kscreenlockerrc-broken-timeout.txt");
        ScreenLockSetting broken = new LinuxScreenLockProbe(tree.root(), new FixtureCommandRunner()).users().get(0);
        assertNull(broken.lockEnabled());
        assertTrue(broken.unreadableReason().contains("Timeout=ten is not a number"));
    }

    @Test
    void userWithNeitherGnomeNorKdeIsUnreadableWithTheReason() throws Exception {
        HostTree tree = desktop("/usr/bin/true");
        List<ScreenLockSetting> settings = new LinuxScreenLockProbe(tree.root(), new FixtureCommandRunner()).users();
        assertEquals(1, settings.size(), "root is not a desktop user and homeless has no home");
        assertEquals("teacher", settings.get(0).user());
        assertEquals(LinuxScreenLockProbe.NO_DESKTOP, settings.get(0).unreadableReason());
        assertNull(settings.get(0).lockEnabled());
    }

    @Test
    void gvariantTextForms() {
        assertEquals(300L, GVariantText.parseNumber("uint32 300\r\n").orElseThrow());
        assertEquals(300L, GVariantText.parseNumber("300").orElseThrow());
        assertTrue(GVariantText.parseNumber("No such key").isEmpty());
        assertEquals("It's school\nproperty", GVariantText.parseString("'It\\'s school\\nproperty'").orElseThrow());
        assertEquals("a \"b\"", GVariantText.parseString("\"a \\\"b\\\"\"").orElseThrow());
        assertTrue(HostRoot.live().isLive());
    }
}
