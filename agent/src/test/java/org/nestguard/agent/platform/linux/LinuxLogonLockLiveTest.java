package org.nestguard.agent.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.LockedAccount;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.ProcessCommandRunner;

/**
 * The hold's Linux lock run for real on disposable accounts made with {@code useradd}: locked, the account cannot
 * log on (password locked and expired); unlocked, its shadow entry is exactly as before.
 */
class LinuxLogonLockLiveTest {
    private final ProcessCommandRunner runner = new ProcessCommandRunner();
    private final LinuxLogonLock lock = new LinuxLogonLock(HostRoot.live(), runner);
    private String name;

    @BeforeEach
    void disposableAccount() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "locking accounts needs root; CI runs as root");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/useradd")), "useradd (passwd package) is missing");
        name = "nglock" + ProcessHandle.current().pid() % 100000;
        runner.run("userdel", name);
        assertTrue(runner.run("useradd", "-M", "-s", "/bin/bash", name).succeeded());
    }

    @AfterEach
    void remove() throws Exception {
        if (name != null) {
            runner.run("userdel", name);
        }
    }

    @Test
    void lockingLocksAndExpiresAndUnlockingRestoresTheShadowEntryExactly() throws Exception {
        // A real password hash and an expiry date in the future: both must come back as they were.
        assertTrue(runner.run("usermod", "-p", "$6$salt$abcdefghijklmnop", "-e", "2031-07-01", name).succeeded());
        String before = shadowLine();

        LockedAccount locked = lock.lock(account());

        ShadowFile.Entry entry = shadow();
        assertTrue(entry.hash().startsWith("!"), "password locked: " + entry.hash());
        assertEquals(LinuxLogonLock.EXPIRED, entry.expireDays());
        assertFalse(locked.wasDisabled());
        assertEquals(java.time.LocalDate.parse("2031-07-01").toEpochDay(), locked.previousExpiryDays());

        lock.unlock(locked);

        assertEquals(before, shadowLine());
    }

    @Test
    void anAccountLockedBeforeStaysLockedAndOneWithoutExpiryGetsNoneBack() throws Exception {
        String before = shadowLine(); // useradd leaves "!": no password, locked; no expiry
        assertTrue(shadow().hash().startsWith("!"));
        assertEquals(null, shadow().expireDays());

        LockedAccount locked = lock.lock(account());
        assertTrue(locked.wasDisabled());
        lock.unlock(locked);

        assertEquals(before, shadowLine());
    }

    private LocalAccount account() {
        return new LocalAccount(name, "1999", true, false, LocalAccount.PasswordState.SET, null, null, Set.of(),
                false, "test");
    }

    private ShadowFile.Entry shadow() throws ProbeException {
        return ShadowFile.parse(HostRoot.live().read("/etc/shadow")).byName(name).orElseThrow();
    }

    private String shadowLine() throws ProbeException {
        return HostRoot.live().readLines("/etc/shadow").stream().filter(l -> l.startsWith(name + ":")).findFirst()
                .orElseThrow();
    }
}
