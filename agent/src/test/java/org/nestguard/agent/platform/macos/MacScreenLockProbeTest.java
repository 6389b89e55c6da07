package org.nestguard.agent.platform.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.ScreenLockSetting;

/**
 * Fixture formats: sysadminctl-screenlock-*.txt are the stderr lines of research §5 F5 with a synthetic NSLog prefix
 * (unverified on hardware; sysadminctl's message is English, the -localized-unknown one is hypothetical German and must
 * stay unreadable); pmset-g-custom.txt follows pmset(1)'s "Battery Power:"/"AC Power:" sections; managed-screensaver.plist
 * carries the configuration-profile keys named in §3(b) (askForPassword, askForPasswordDelay, idleTime), -no-delay the
 * same without askForPasswordDelay. Hand-written.
 */
class MacScreenLockProbeTest {
    private static final String ADA = "launchctl asuser 501 sudo -u ada ";

    @TempDir
    Path root;

    private FakeCommandRunner mac(String sysadminctl, String idleTimeOutput) {
        FakeCommandRunner runner = MacAccountProbeTest.directory()
                .answer("stat -f%Su /dev/console", 0, "ada\n", "")
                .stdout("pmset -g custom", "pmset-g-custom.txt");
        if (sysadminctl != null) {
            runner.stderr(ADA + "sysadminctl -screenLock status", sysadminctl);
        }
        if (idleTimeOutput != null) {
            runner.answer(ADA + "defaults -currentHost read com.apple.screensaver idleTime", 0, idleTimeOutput, "");
        } else {
            runner.answer(ADA + "defaults -currentHost read com.apple.screensaver idleTime", 1, "",
                    "The domain/default pair of (com.apple.screensaver, idleTime) does not exist");
        }
        return runner;
    }

    private ScreenLockSetting user(List<ScreenLockSetting> settings, String name) {
        return settings.stream().filter(s -> s.user().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void consoleUserLockIsEarliestTimerPlusGrace() throws ProbeException {
        FakeCommandRunner runner = mac("sysadminctl-screenlock-300.txt", "300\n");
        List<ScreenLockSetting> settings = new MacScreenLockProbe(runner, new HostRoot(root)).users();

        assertEquals(List.of("ada", "cy"), settings.stream().map(ScreenLockSetting::user).toList(),
                "the people the account probe counts: bob (uid 502, /usr/bin/false) is not one");
        ScreenLockSetting ada = user(settings, "ada");
        assertEquals(Boolean.TRUE, ada.lockEnabled());
        assertEquals(Boolean.TRUE, ada.passwordOnWake());
        // idleTime 300 s vs displaysleep max(2, 10) min = 600 s -> 300 s, plus 300 s grace.
        assertEquals(Duration.ofSeconds(600), ada.idleBeforeLock());
        assertTrue(ada.source().contains("screenLock delay is 300 seconds"), ada.source());
        assertTrue(runner.ran().contains(ADA + "sysadminctl -screenLock status"), "run in ada's own session");
    }

    @Test
    void missingIdleTimeUsesMacOsDefaultAndSaysSo() throws ProbeException {
        ScreenLockSetting ada = user(new MacScreenLockProbe(mac("sysadminctl-screenlock-immediate.txt", null),
                new HostRoot(root)).users(), "ada");
        assertEquals(Duration.ofMinutes(10), ada.idleBeforeLock(), "display sleep (10 min) comes before 20 min");
        assertTrue(ada.source().contains("macOS default 1200 s"), ada.source());
    }

    @Test
    void screenLockOffMeansNoLock() throws ProbeException {
        ScreenLockSetting ada = user(new MacScreenLockProbe(mac("sysadminctl-screenlock-off.txt", "300\n"),
                new HostRoot(root)).users(), "ada");
        assertEquals(Boolean.FALSE, ada.lockEnabled());
        assertEquals(Boolean.FALSE, ada.passwordOnWake());
        assertNull(ada.idleBeforeLock());
    }

    @Test
    void unrecognisedOrMissingSysadminctlIsUnreadableNotOff() throws ProbeException {
        ScreenLockSetting localized = user(new MacScreenLockProbe(
                mac("sysadminctl-screenlock-localized-unknown.txt", "300\n"), new HostRoot(root)).users(), "ada");
        assertNotNull(localized.unreadableReason());
        assertNull(localized.lockEnabled());

        ScreenLockSetting missing = user(new MacScreenLockProbe(mac(null, "300\n"), new HostRoot(root)).users(), "ada");
        assertNotNull(missing.unreadableReason());
    }

    @Test
    void userWithoutSessionIsUnreadable() throws ProbeException {
        ScreenLockSetting cy = user(new MacScreenLockProbe(mac("sysadminctl-screenlock-300.txt", "300\n"),
                new HostRoot(root)).users(), "cy");
        assertNull(cy.lockEnabled());
        assertTrue(cy.unreadableReason().contains("no console session"), cy.unreadableReason());
    }

    @Test
    void managedProfileAppliesEvenWithoutSession() throws ProbeException {
        FakeCommandRunner.place(root, "/Library/Managed Preferences/cy/com.apple.screensaver.plist",
                "managed-screensaver.plist");
        ScreenLockSetting cy = user(new MacScreenLockProbe(mac("sysadminctl-screenlock-300.txt", "300\n"),
                new HostRoot(root)).users(), "cy");
        assertEquals(Boolean.TRUE, cy.lockEnabled());
        assertEquals(Duration.ofSeconds(245), cy.idleBeforeLock(), "240 s idle + 5 s grace");
        assertTrue(cy.environment().contains("configuration profile"));
    }

    @Test
    void profileWithoutDelayTakesTheUsersOwnDelayNotZero() throws ProbeException {
        FakeCommandRunner.place(root, "/Library/Managed Preferences/ada/com.apple.screensaver.plist",
                "managed-screensaver-no-delay.plist");
        FakeCommandRunner runner = mac("sysadminctl-screenlock-300.txt", "300\n");
        ScreenLockSetting ada = user(new MacScreenLockProbe(runner, new HostRoot(root)).users(), "ada");
        assertEquals(Boolean.TRUE, ada.lockEnabled());
        assertEquals(Duration.ofSeconds(540), ada.idleBeforeLock(), "profile idleTime 240 s + ada's own 300 s delay");
        assertTrue(runner.ran().contains(ADA + "sysadminctl -screenLock status"));
    }

    @Test
    void profileWithoutDelayAndNoWayToReadTheUsersIsUnreadable() throws ProbeException {
        FakeCommandRunner.place(root, "/Library/Managed Preferences/cy/com.apple.screensaver.plist",
                "managed-screensaver-no-delay.plist");
        FakeCommandRunner.place(root, "/Library/Managed Preferences/ada/com.apple.screensaver.plist",
                "managed-screensaver-no-delay.plist");
        List<ScreenLockSetting> settings = new MacScreenLockProbe(mac("sysadminctl-screenlock-off.txt", "300\n"),
                new HostRoot(root)).users();
        ScreenLockSetting cy = user(settings, "cy");
        assertNull(cy.idleBeforeLock(), "no session: the user's own delay cannot be read");
        assertNotNull(cy.unreadableReason());
        ScreenLockSetting ada = user(settings, "ada");
        assertNull(ada.idleBeforeLock(), "the profile forces a password but ada's own setting names no delay");
        assertTrue(ada.unreadableReason().contains("askForPasswordDelay"), ada.unreadableReason());
    }

    @Test
    void parsersReadVariants() {
        assertEquals(Boolean.FALSE, ScreenLockStatus.parse("x screenLock delay is -1.000000 seconds").passwordRequired());
        assertEquals(5L, ScreenLockStatus.parse("screenLock delay is 5 seconds\r\n").delaySeconds());
        assertEquals(java.util.Map.of("Battery Power", 2L, "AC Power", 10L),
                PmsetDisplaySleep.parse(FakeCommandRunner.fixture("pmset-g-custom.txt")));
    }
}
