package org.nestguard.agent.platform.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.LockedAccount;
import org.nestguard.agent.platform.ProbeException;

/** The macOS hold lock: the pwpolicy and launchctl command lines it runs, and what it restores. */
class MacLogonLockTest {
    private static LocalAccount account(String name, String uid, boolean disabled) {
        return new LocalAccount(name, uid, true, disabled, LocalAccount.PasswordState.SET, null, null, Set.of("staff"),
                false, "dscl");
    }

    @Test
    void disablesEndsTheSessionAndEnablesAgainOnLift() throws Exception {
        FakeCommandRunner runner = new FakeCommandRunner()
                .answer("pwpolicy -u ada -disableuser", 0, "", "")
                .answer("launchctl bootout user/502", 0, "", "")
                .answer("pwpolicy -u ada -enableuser", 0, "", "");
        MacLogonLock lock = new MacLogonLock(runner);

        LockedAccount locked = lock.lock(account("ada", "502", false));
        lock.unlock(locked);

        assertEquals(List.of("pwpolicy -u ada -disableuser", "launchctl bootout user/502",
                "pwpolicy -u ada -enableuser"), runner.ran());
    }

    @Test
    void anAccountDisabledBeforeIsNotEnabledByTheLift() throws Exception {
        FakeCommandRunner runner = new FakeCommandRunner().answer("launchctl bootout user/503", 3, "",
                "Boot-out failed: 3: No such process\n");
        MacLogonLock lock = new MacLogonLock(runner);

        LockedAccount locked = lock.lock(account("bob", "503", true));
        lock.unlock(locked);

        assertTrue(locked.wasDisabled());
        assertEquals(List.of("launchctl bootout user/503"), runner.ran(), "no pwpolicy call for bob at all");
    }

    @Test
    void aRefusedDisableSaysWhat() {
        FakeCommandRunner runner = new FakeCommandRunner().answer("pwpolicy -u cy -disableuser", 1, "",
                "Error: user cy not found\n");
        ProbeException refused = assertThrows(ProbeException.class,
                () -> new MacLogonLock(runner).lock(account("cy", "504", false)));
        assertTrue(refused.getMessage().contains("could not disable cy"), refused.getMessage());
    }
}
