package org.nestguard.agent.platform.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.LocalAccount.PasswordState;
import org.nestguard.agent.platform.LogonSettings;
import org.nestguard.agent.platform.ProbeException;

/**
 * Fixture formats (hand-written from dscl(1) and research §3(c); not captured; cy-mobile follows the AuthenticationAuthority
 * layout of an Active Directory mobile account): dscl-list-users-uniqueid.txt is
 * "name  uid" columns; dscl-read-users-*.txt are "Key: value" lines with accountPolicyData as an indented XML plist
 * under "dsAttrTypeNative:accountPolicyData:", and "No such key: X" for absent attributes; defaults/sysadminctl
 * fixtures follow `defaults read` (missing key message on stderr) and sysadminctl's NSLog-prefixed stderr. These
 * tools print English whatever the locale.
 */
class MacAccountProbeTest {
    private static final String LW = MacAccountProbe.LOGINWINDOW;

    @TempDir
    Path root;

    static final String READ = " AuthenticationAuthority UserShell Password accountPolicyData";

    /** The account fixtures as one machine: root, ada (admin), bob (disabled, no shell), cy (mobile account). */
    static FakeCommandRunner directory() {
        return new FakeCommandRunner()
                .stdout("dscl . -list /Users UniqueID", "dscl-list-users-uniqueid.txt")
                .stdout("dscl . -read /Groups/admin GroupMembership", "dscl-read-groups-admin.txt")
                .stdout("dscl . -read /Users/ada" + READ, "dscl-read-users-ada.txt")
                .answer("dscl . -read /Users/bob" + READ, 0,
                        FakeCommandRunner.fixture("dscl-read-users-bob-disabled.txt"),
                        FakeCommandRunner.fixture("dscl-read-users-bob-stderr.txt"))
                .stdout("dscl . -read /Users/cy" + READ, "dscl-read-users-cy-mobile.txt")
                .answer("dscl . -read /Users/root" + READ, 0,
                        FakeCommandRunner.fixture("dscl-read-users-root.txt"),
                        FakeCommandRunner.fixture("dscl-read-users-root-stderr.txt"))
                .answer("id -Gn ada", 0, "staff everyone localaccounts _appserverusr admin _lpadmin\n", "")
                .answer("id -Gn cy", 0, "staff everyone localaccounts netaccounts\n", "");
    }

    private LocalAccount named(List<LocalAccount> accounts, String name) {
        return accounts.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void readsPeopleAndServiceAccountsButNotHiddenOnes() throws ProbeException {
        List<LocalAccount> accounts = new MacAccountProbe(directory(), new HostRoot(root)).accounts();

        assertEquals(List.of("root", "daemon", "nobody", "ada", "bob", "cy"),
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
                .answer("dscl . -read /Users/ada" + READ, 56, "",
                        "DS Error: -14120 (eDSPermissionError)");
        LocalAccount ada = named(new MacAccountProbe(runner, new HostRoot(root)).accounts(), "ada");
        assertEquals(PasswordState.UNKNOWN, ada.password());
        assertTrue(ada.interactive(), "an unreadable person's record is reported, not skipped as a service account");
        assertTrue(ada.source().contains("eDSPermissionError"), ada.source());
        assertThrows(ProbeException.class,
                () -> new MacAccountProbe(new FakeCommandRunner(), new HostRoot(root)).accounts());
    }

    @Test
    void mobileAccountWithoutShadowHashHasAPasswordOfUnknownAge() throws ProbeException {
        LocalAccount cy = named(new MacAccountProbe(directory(), new HostRoot(root)).accounts(), "cy");
        assertTrue(cy.interactive());
        assertFalse(cy.disabled());
        assertEquals(PasswordState.SET, cy.password(), "logs on with the directory password, so not LOCKED");
        assertNull(cy.passwordLastSet(), "the local passwordLastSetTime is not the directory password's age");
        assertEquals(Boolean.FALSE, cy.administrator());
        assertTrue(cy.source().contains("kept by a directory"), cy.source());
    }

    @Test
    void accountPolicyIsDisabledMeansDisabledButThePasswordIsStillSet() throws ProbeException {
        FakeCommandRunner runner = directory()
                .stdout("dscl . -read /Users/ada" + READ, "dscl-read-users-ada-policy-disabled.txt");
        LocalAccount ada = named(new MacAccountProbe(runner, new HostRoot(root)).accounts(), "ada");
        assertTrue(ada.disabled());
        assertEquals(PasswordState.SET, ada.password());
    }

    @Test
    void authorityWithNoKnownWayToLogOnIsUnknownNotLocked() throws ProbeException {
        FakeCommandRunner runner = directory()
                .stdout("dscl . -read /Users/ada" + READ, "dscl-read-users-only-securetoken.txt");
        LocalAccount ada = named(new MacAccountProbe(runner, new HostRoot(root)).accounts(), "ada");
        assertEquals(PasswordState.UNKNOWN, ada.password());
        assertFalse(ada.disabled());
    }

    @Test
    void administratorIsUnknownWhenAdminGroupFailsAndIdFails() throws ProbeException {
        FakeCommandRunner runner = directory()
                .answer("dscl . -read /Groups/admin GroupMembership", 56, "",
                        "DS Error: -14120 (eDSPermissionError)")
                .answer("id -Gn ada", 1, "", "id: ada: no such user");
        LocalAccount ada = named(new MacAccountProbe(runner, new HostRoot(root)).accounts(), "ada");
        assertNull(ada.administrator());
        assertTrue(ada.source().contains("administrator unknown"), ada.source());
    }

    @Test
    void administratorIsUnknownWhenNeitherCommandCanRun() throws ProbeException {
        FakeCommandRunner runner = new FakeCommandRunner()
                .stdout("dscl . -list /Users UniqueID", "dscl-list-users-uniqueid.txt")
                .stdout("dscl . -read /Users/ada" + READ, "dscl-read-users-ada.txt");
        // Neither 'dscl . -read /Groups/admin' nor 'id -Gn ada' is answered: both throw.
        LocalAccount ada = named(new MacAccountProbe(runner, new HostRoot(root)).accounts(), "ada");
        assertNull(ada.administrator());
    }

    @Test
    void unparsableAdminGroupWithIdFailingIsUnknownButIdAloneStillCounts() throws ProbeException {
        FakeCommandRunner runner = directory()
                .answer("dscl . -read /Groups/admin GroupMembership", 0, "garbage without a key\n", "");
        List<LocalAccount> accounts = new MacAccountProbe(runner, new HostRoot(root)).accounts();
        assertNull(named(accounts, "bob").administrator(), "no id -Gn answer for bob and no membership list");
        assertEquals(Boolean.TRUE, named(accounts, "ada").administrator(), "id -Gn lists admin");
        assertEquals(Boolean.FALSE, named(accounts, "cy").administrator(), "id -Gn read, no admin in it");
    }

    @Test
    void lastLogonIsDatedForPeopleWhenTheYearIsCertain() throws ProbeException {
        FakeCommandRunner runner = directory()
                .stdout("last -1 ada", "last-1-ada.txt")
                .stdout("last -1 cy", "last-1-ada-old-log.txt");
        Clock thursday = Clock.fixed(Instant.parse("2024-11-21T09:00:00Z"), ZoneId.of("Europe/London"));
        List<LocalAccount> accounts = new MacAccountProbe(runner, new HostRoot(root), thursday).accounts();
        assertEquals(Instant.parse("2024-11-18T08:55:00Z"), named(accounts, "ada").lastLogon());
        LocalAccount cy = named(accounts, "cy");
        assertNull(cy.lastLogon(), "a log older than a year cannot date a year-less line");
        assertTrue(cy.source().contains("log is older"), cy.source());
        assertTrue(runner.ran().stream().noneMatch(c -> c.equals("last -1 root")), "only people are looked up");
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
