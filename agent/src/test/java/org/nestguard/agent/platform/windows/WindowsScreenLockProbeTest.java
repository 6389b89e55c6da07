package org.nestguard.agent.platform.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.ScreenLockSetting;
import org.nestguard.agent.platform.windows.RegistryReader.Hive;

/**
 * Registry fixtures (reg-export-*.reg) are in the format of {@code reg export} (Windows Registry Editor 5.00),
 * stored as UTF-8; key and value names are the documented ones (research §3b). mrs.patel (…-1001) is logged on,
 * so her hive is loaded; classroom (…-1002) is not.
 */
class WindowsScreenLockProbeTest {
    private static final String PROFILES = "reg-export-profilelist.reg";

    private static List<ScreenLockSetting> read(String... fixtures) throws ProbeException {
        return readWithPowercfg("powercfg-q-consolelock-en-us.txt", fixtures);
    }

    /** powercfg fixtures are {@code powercfg /q SCHEME_CURRENT SUB_NONE CONSOLELOCK} output, CRLF as Windows prints it. */
    private static List<ScreenLockSetting> readWithPowercfg(String powercfg, String... fixtures)
            throws ProbeException {
        return new WindowsScreenLockProbe(RegFileRegistry.load(fixtures), powercfg(powercfg)).users();
    }

    private static CommandRunner powercfg(String fixture) throws ProbeException {
        CommandRunner runner = mock(CommandRunner.class);
        when(runner.run(eq(WakeSignIn.POWERCFG), any(Duration.class))).thenReturn(
                new CommandResult(WakeSignIn.POWERCFG, 0, Fixtures.text(fixture), ""));
        return runner;
    }

    @Test
    void secureScreenSaverLocksAfterItsTimeoutPlusGrace() throws ProbeException {
        List<ScreenLockSetting> users = read(PROFILES, "reg-export-screenlock-user-secure-saver.reg",
                "reg-export-winlogon-default.reg");

        ScreenLockSetting patel = users.get(0);
        assertEquals("mrs.patel", patel.user());
        assertEquals(Boolean.TRUE, patel.lockEnabled());
        assertEquals(Duration.ofSeconds(605), patel.idleBeforeLock());
        assertEquals(Boolean.TRUE, patel.passwordOnWake());
        assertTrue(patel.source().contains("ScreenSaveTimeOut=600"), patel.source());
        assertNull(patel.unreadableReason());
    }

    @Test
    void loggedOffUserWithoutMachinePolicyIsUnreadableNotUnlocked() throws ProbeException {
        ScreenLockSetting classroom = read(PROFILES, "reg-export-screenlock-user-secure-saver.reg").get(1);

        assertEquals("classroom", classroom.user());
        assertNull(classroom.lockEnabled());
        assertTrue(classroom.unreadableReason().contains("hive not loaded"), classroom.unreadableReason());
        assertTrue(classroom.source().contains("C:\\Users\\classroom"), classroom.source());
    }

    @Test
    void freshProfileWithScreenSaveActiveButNoScreenSaverDoesNotLock() throws ProbeException {
        ScreenLockSetting patel = read(PROFILES, "reg-export-screenlock-user-default.reg").get(0);

        assertEquals(Boolean.FALSE, patel.lockEnabled());
        assertNull(patel.idleBeforeLock());
        assertEquals(Boolean.FALSE, patel.passwordOnWake());
        assertTrue(patel.source().contains("SCRNSAVE.EXE=(not set)"), patel.source());
    }

    @Test
    void groupPolicyScreenSaverOverridesTheUsersOwnChoice() throws ProbeException {
        ScreenLockSetting patel = read(PROFILES, "reg-export-screenlock-user-policy-override.reg").get(0);

        assertEquals(Boolean.TRUE, patel.lockEnabled());
        assertEquals(Duration.ofMinutes(5), patel.idleBeforeLock());
    }

    @Test
    void machineInactivityLimitIsTheShorterTimerAndCoversLoggedOffUsers() throws ProbeException {
        List<ScreenLockSetting> users = read(PROFILES, "reg-export-screenlock-user-policy-override.reg",
                "reg-export-policies-system-inactivity.reg");

        // 300 s screen saver beats the 900 s machine limit for the logged-on user.
        assertEquals(Duration.ofSeconds(300), users.get(0).idleBeforeLock());
        ScreenLockSetting classroom = users.get(1);
        assertEquals(Boolean.TRUE, classroom.lockEnabled());
        assertEquals(Duration.ofSeconds(900), classroom.idleBeforeLock());
        assertEquals("Windows machine policy", classroom.environment());
        assertTrue(classroom.source().contains("InactivityTimeoutSecs=900"), classroom.source());
    }

    @Test
    void userHiveThatCannotBeReadIsReportedUnreadable() throws ProbeException {
        RegistryReader registry = spy(RegFileRegistry.load(PROFILES, "reg-export-screenlock-user-secure-saver.reg"));
        doThrow(new ProbeException("no permission to read HKU\\S-1-5-21-...-1001\\Control Panel\\Desktop"))
                .when(registry).string(eq(Hive.HKEY_USERS), any(), any());

        ScreenLockSetting patel = new WindowsScreenLockProbe(registry, powercfg("powercfg-q-consolelock-en-us.txt"))
                .users().get(0);

        assertNull(patel.lockEnabled());
        assertFalse(patel.unreadableReason().isEmpty());
    }

    @Test
    void wakingFromSleepWithoutSignInOnBatteryMeansNoPasswordOnWake() throws ProbeException {
        ScreenLockSetting patel = readWithPowercfg("powercfg-q-consolelock-en-us-battery-off.txt", PROFILES,
                "reg-export-screenlock-user-secure-saver.reg").get(0);

        assertEquals(Boolean.TRUE, patel.lockEnabled());
        assertEquals(Boolean.FALSE, patel.passwordOnWake());
        assertTrue(patel.source().contains("on battery=0"), patel.source());
    }

    @Test
    void powercfgInAnotherLanguageLeavesPasswordOnWakeUnknown() throws ProbeException {
        ScreenLockSetting patel = readWithPowercfg("powercfg-q-consolelock-de-de.txt", PROFILES,
                "reg-export-screenlock-user-secure-saver.reg").get(0);

        assertEquals(Duration.ofSeconds(600), patel.idleBeforeLock());
        assertNull(patel.passwordOnWake());
        assertTrue(patel.source().contains("no English"), patel.source());
    }

    @Test
    void groupPolicyConsoleLockIsUsedWithoutRunningPowercfg() throws ProbeException {
        CommandRunner runner = powercfg("powercfg-q-consolelock-en-us-battery-off.txt");
        ScreenLockSetting patel = new WindowsScreenLockProbe(RegFileRegistry.load(PROFILES,
                "reg-export-screenlock-user-secure-saver.reg", "reg-export-power-policy-consolelock.reg"), runner)
                .users().get(0);

        assertEquals(Boolean.TRUE, patel.passwordOnWake());
        assertTrue(patel.source().contains("Policies\\Microsoft\\Power"), patel.source());
        verify(runner, never()).run(any(), any(Duration.class));
    }

    @Test
    void powercfgParserReadsBothIndexesAndRefusesOtherLanguages() {
        assertEquals(new PowercfgQueryParser.Indexes(1, 0),
                PowercfgQueryParser.parse(Fixtures.text("powercfg-q-consolelock-en-us-battery-off.txt")));
        assertNull(PowercfgQueryParser.parse(Fixtures.text("powercfg-q-consolelock-de-de.txt")));
    }

    @Test
    void secureScreenSaverWithoutATimeoutIsUnreadableNotNever() throws ProbeException {
        ScreenLockSetting patel = read(PROFILES, "reg-export-screenlock-user-secure-no-timeout.reg",
                "reg-export-policies-system-inactivity.reg").get(0);

        assertNull(patel.lockEnabled());
        assertNull(patel.idleBeforeLock());
        assertTrue(patel.unreadableReason().contains("ScreenSaveTimeOut is not set"), patel.unreadableReason());
        assertTrue(patel.unreadableReason().contains("900 s at the latest"), patel.unreadableReason());
    }

    @Test
    void loggedOffUsersHiveIsLoadedFromNtuserDat() throws ProbeException {
        ScreenLockSetting classroom = read(PROFILES, "reg-export-screenlock-user-secure-saver.reg",
                "reg-export-ntuser-classroom-loaded.reg").get(1);

        assertEquals("classroom", classroom.user());
        assertEquals(Boolean.TRUE, classroom.lockEnabled());
        assertEquals(Duration.ofSeconds(240), classroom.idleBeforeLock());
        assertEquals(Boolean.TRUE, classroom.passwordOnWake());
        assertTrue(classroom.source().contains("Nestguard_S-1-5-21-"), classroom.source());
    }
}
