package org.nestguard.agent.platform.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.doThrow;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
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
        return new WindowsScreenLockProbe(RegFileRegistry.load(fixtures)).users();
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
        assertTrue(classroom.unreadableReason().contains("not logged on"), classroom.unreadableReason());
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

        ScreenLockSetting patel = new WindowsScreenLockProbe(registry).users().get(0);

        assertNull(patel.lockEnabled());
        assertFalse(patel.unreadableReason().isEmpty());
    }
}
