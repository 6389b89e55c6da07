package org.nestguard.agent.platform.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.LocalAccount.PasswordState;
import org.nestguard.agent.platform.LogonSettings;
import org.nestguard.agent.platform.ProbeException;

/**
 * Fixture formats (hand-written from dscl(1) and research §3(c); not captured): dscl-list-users-uniqueid.txt is
 * "name  uid" columns; dscl-read-users-*.txt are "Key: value" lines with accountPolicyData as an indented XML plist
 * under "dsAttrTypeNative:accountPolicyData:", and "No such key: X" for absent attributes; defaults/sysadminctl
 * fixtures follow `defaults read` (missing key message on stderr) and sysadminctl's NSLog-prefixed stderr. These
 * tools print English whatever the locale.
 */
class MacAccountProbeTest {
    private static final String LW = MacAccountProbe.LOGINWINDOW;

    @TempDir
    Path root;

    private FakeCommandRunner directory() {
        return new FakeCommandRunner()
                .stdout("dscl . -list /Users UniqueID", "dscl-list-users-uniqueid.txt")
                .stdout("dscl . -read /Groups/admin GroupMembership", "dscl-read-groups-admin.txt")
                .stdout("dscl . -read /Users/ada AuthenticationAuthority UserShell accountPolicyData",
                        "dscl-read-users-ada.txt")
                .stdout("dscl . -read /Users/bob AuthenticationAuthority UserShell accountPolicyData",
                        "dscl-read-users-bob-disabled.txt")
                .answer("dscl . -read /Users/root AuthenticationAuthority UserShell accountPolicyData", 0,
                        FakeCommandRunner.fixture("dscl-read-users-root.txt"),
                        FakeCommandRunner.fixture("dscl-read-users-root-stderr.txt"))
                .answer("id -Gn ada", 0, "staff everyone localaccounts _appserverusr admin _lpadmin\n", "");
    }

    private LocalAccount named(List<LocalAccount> accounts, String name) {
        return accounts.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void readsPeopleAndServiceAccountsButNotHiddenOnes() throws ProbeException {
        List<LocalAccount> accounts = new MacAccountProbe(directory(), new HostRoot(root)).accounts();

        assertEquals(List.of("root", "daemon", "nobody", "ada", "bob"),
                accounts.stream().map(LocalAccount::name).toList());
        LocalAccount ada = named(accounts, "ada");
        assertTrue(ada.interactive());
        assertFalse(ada.disabled());
        assertEquals(PasswordState.SET, ada.password());
        assertEquals(Instant.parse("2024-05-01T08:00:00.250Z"), ada.passwordLastSet());
        assertTrue(ada.administrator());
        assertTrue(ada.groups().contains("staff"));
        assertNull(ada.lastLogon());
        assertEquals("501", ada.id());
    }

    @Test
    void disabledUserWithFalseShellIsLockedAndNotInteractive() throws ProbeException {
        LocalAccount bob = named(new MacAccountProbe(directory(), new HostRoot(root)).accounts(), "bob");
        assertTrue(bob.disabled());
        assertFalse(bob.interactive());
        assertEquals(PasswordState.LOCKED, bob.password());
        assertFalse(bob.administrator());
        assertNull(bob.passwordLastSet(), "no accountPolicyData: the OS does not say");
    }

    @Test
    void rootWithoutAuthenticationAuthorityHasNoPasswordAndIsNotInteractive() throws ProbeException {
        LocalAccount rootAccount = named(new MacAccountProbe(directory(), new HostRoot(root)).accounts(), "root");
        assertEquals(PasswordState.LOCKED, rootAccount.password());
        assertFalse(rootAccount.interactive());
        assertTrue(rootAccount.administrator(), "root is listed in the admin group");
    }

    @Test
    void unreadableRecordIsUnknownPassword() throws ProbeException {
        FakeCommandRunner runner = directory()
                .answer("dscl . -read /Users/ada AuthenticationAuthority UserShell accountPolicyData", 56, "",
                        "DS Error: -14120 (eDSPermissionError)");
        assertEquals(PasswordState.UNKNOWN,
                named(new MacAccountProbe(runner, new HostRoot(root)).accounts(), "ada").password());
        assertThrows(ProbeException.class,
                () -> new MacAccountProbe(new FakeCommandRunner(), new HostRoot(root)).accounts());
    }

    @Test
    void guestFromSysadminctlAndAutoLoginWithKcpassword() throws ProbeException {
        FakeCommandRunner.write(root, "/etc/kcpassword", new byte[] {0x7d, (byte) 0x89, 0x52});
        FakeCommandRunner runner = new FakeCommandRunner()
                .answer("defaults read " + LW + " GuestEnabled", 1, "", "does not exist")
                .stderr("sysadminctl -guestAccount status", "sysadminctl-guestaccount-disabled.txt")
                .answer("defaults read " + LW + " autoLoginUser", 0, "ada\n", "");

        LogonSettings settings = new MacAccountProbe(runner, new HostRoot(root)).logonSettings();

        assertEquals(Boolean.FALSE, settings.guestEnabled());
        assertEquals(Boolean.TRUE, settings.autoLogonEnabled());
        assertEquals("ada", settings.autoLogonUser());
        assertTrue(settings.source().contains("kcpassword present"), settings.source());
    }

    @Test
    void guestKeyEnabledAndNoAutoLogin() throws ProbeException {
        FakeCommandRunner runner = new FakeCommandRunner()
                .answer("defaults read " + LW + " GuestEnabled", 0, "1\n", "")
                .answer("defaults read " + LW + " autoLoginUser", 1, "",
                        FakeCommandRunner.fixture("defaults-read-autologinuser-missing.txt"));

        LogonSettings settings = new MacAccountProbe(runner, new HostRoot(root)).logonSettings();

        assertEquals(Boolean.TRUE, settings.guestEnabled());
        assertEquals(Boolean.FALSE, settings.autoLogonEnabled());
        assertNull(settings.autoLogonUser());
    }

    @Test
    void unreadableGuestAndAutoLoginStayNull() throws ProbeException {
        FakeCommandRunner runner = new FakeCommandRunner()
                .answer("defaults read " + LW + " GuestEnabled", 1, "", "Could not open")
                .answer("defaults read " + LW + " autoLoginUser", 1, "", "Could not open");
        LogonSettings settings = new MacAccountProbe(runner, new HostRoot(root)).logonSettings();
        assertNull(settings.guestEnabled());
        assertNull(settings.autoLogonEnabled());
    }
}
