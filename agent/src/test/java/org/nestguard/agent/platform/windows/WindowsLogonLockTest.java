package org.nestguard.agent.platform.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.LockedAccount;
import org.nestguard.agent.platform.ProbeException;

/** The Windows hold lock through its Netapi32/Wtsapi32 seam. */
class WindowsLogonLockTest {
    /** UF_SCRIPT | UF_NORMAL_ACCOUNT | UF_DONT_EXPIRE_PASSWD, as NetUserGetInfo reports a typical local account. */
    private static final int TYPICAL = 0x0001 | 0x0200 | 0x10000;
    private final UserLogon logon = mock(UserLogon.class);
    private final WindowsLogonLock lock = new WindowsLogonLock(logon);
    private final LocalAccount pupil = new LocalAccount("Pupil1", "S-1-5-21-1-2-3-1001", true, false,
            LocalAccount.PasswordState.SET, null, null, Set.of("Users"), false, "NetUserEnum");

    @Test
    void lockingSetsOnlyTheDisableFlagAndLogsOffEverySession() throws Exception {
        when(logon.flags("Pupil1")).thenReturn(TYPICAL);
        when(logon.sessionsOf("Pupil1")).thenReturn(List.of(2, 5));

        LockedAccount locked = lock.lock(pupil);

        verify(logon).setFlags("Pupil1", TYPICAL | NetUser.UF_ACCOUNTDISABLE);
        verify(logon).logOff(2);
        verify(logon).logOff(5);
        assertEquals(false, locked.wasDisabled());
        assertNull(locked.warning());

        when(logon.flags("Pupil1")).thenReturn(TYPICAL | NetUser.UF_ACCOUNTDISABLE);
        lock.unlock(locked);
        verify(logon).setFlags("Pupil1", TYPICAL);
    }

    @Test
    void anAccountDisabledBeforeIsLeftDisabledWhenTheHoldLifts() throws Exception {
        when(logon.flags("Pupil1")).thenReturn(TYPICAL | NetUser.UF_ACCOUNTDISABLE);
        when(logon.sessionsOf("Pupil1")).thenReturn(List.of());

        LockedAccount locked = lock.lock(pupil);
        lock.unlock(locked);

        assertTrue(locked.wasDisabled());
        verify(logon, never()).setFlags(anyString(), anyInt());
    }

    @Test
    void aSessionThatWillNotLogOffIsReportedNotHidden() throws Exception {
        when(logon.flags("Pupil1")).thenReturn(TYPICAL);
        when(logon.sessionsOf("Pupil1")).thenReturn(List.of(3));
        doThrow(new ProbeException("WTSLogoffSession 3 failed with error 5")).when(logon).logOff(3);

        LockedAccount locked = lock.lock(pupil);

        assertTrue(locked.warning().contains("session 3: WTSLogoffSession 3 failed with error 5"), locked.warning());
        verify(logon).setFlags("Pupil1", TYPICAL | NetUser.UF_ACCOUNTDISABLE);
    }
}
