package org.nestguard.agent.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.LocalAccount.PasswordState;
import org.nestguard.agent.platform.LogonSettings;

/**
 * Fixture formats: etc-passwd/etc-shadow/etc-group follow passwd(5), shadow(5) and group(5) as observed on this Debian 12
 * machine (hashes invented; shadow day numbers chosen relative to the fixed date 2026-11-01 = day 20758);
 * etc-login-defs-debian12 is an excerpt of this machine's /etc/login.defs; gdm3-custom-conf-debian-default is Debian's
 * shipped file, the autologin variant has the two documented keys uncommented; lightdm and sddm files follow their
 * documented formats (lightdm.conf example, sddm.conf(5)). /var/log/lastlog records are built in the glibc x86_64 layout.
 */
class LinuxAccountProbeTest {
    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    HostTree tree;

    @BeforeEach
    void hostWithSchoolAccounts() {
        tree = new HostTree(dir)
                .fixture("/etc/passwd", "etc-passwd-school-laptop.txt")
                .fixture("/etc/shadow", "etc-shadow-school-laptop.txt")
                .fixture("/etc/group", "etc-group-school-laptop.txt")
                .fixture("/etc/login.defs", "etc-login-defs-debian12.txt");
    }

    private Map<String, LocalAccount> accounts() throws Exception {
        return new LinuxAccountProbe(tree.root(), FIXED).accounts().stream()
                .collect(Collectors.toMap(LocalAccount::name, Function.identity()));
    }

    @Test
    void passwordSet400DaysAgoIsDatedFromShadowLastChange() throws Exception {
        LocalAccount teacher = accounts().get("teacher");
        assertEquals(PasswordState.SET, teacher.password());
        assertEquals(LocalDate.of(2026, 11, 1).minusDays(400).atStartOfDay().toInstant(ZoneOffset.UTC),
                teacher.passwordLastSet());
        assertTrue(teacher.interactive());
        assertFalse(teacher.disabled());
        assertTrue(teacher.source().contains("/etc/shadow"), teacher.source());
    }

    @Test
    void sudoMemberIsAdministratorAndPupilIsNot() throws Exception {
        Map<String, LocalAccount> accounts = accounts();
        assertTrue(accounts.get("teacher").administrator());
        assertTrue(accounts.get("teacher").groups().contains("sudo"));
        assertTrue(accounts.get("teacher").source().contains("admin via group [sudo]"));
        assertEquals(Boolean.FALSE, accounts.get("pupil").administrator());
        assertEquals(java.util.Set.of("pupil", "audio"), accounts.get("pupil").groups());
        assertTrue(accounts.get("root").administrator(), "uid 0 administers the machine whatever its groups");
    }

    @Test
    void sudoersRulesForUsersAliasesUidsAndGroupsMakeAdministrators() throws Exception {
        tree.fixture("/etc/sudoers", "etc-sudoers-debian12.txt")
                .fixture("/etc/sudoers.d/school", "sudoers-d-school-rules.txt");
        Map<String, LocalAccount> accounts = accounts();
        assertEquals(Boolean.TRUE, accounts.get("pupil").administrator(), "pupil ALL=(ALL) ALL");
        assertTrue(accounts.get("pupil").source().contains("admin via sudoers rule /etc/sudoers.d/school: pupil"),
                accounts.get("pupil").source());
        assertEquals(Boolean.TRUE, accounts.get("guest").administrator(), "guest is in User_Alias KIOSK");
        assertEquals(Boolean.TRUE, accounts.get("newstaff").administrator(), "#1004 in KIOSK is newstaff's uid");
        assertEquals(Boolean.FALSE, accounts.get("leaver").administrator());
        assertTrue(accounts.get("leaver").source().contains("no admin group and no sudoers rule in [/etc/sudoers, "
                + "/etc/sudoers.d/school]"), accounts.get("leaver").source());
    }

    @Test
    void sudoersGroupRulesRunasOtherUsersAndSkippedIncludeFiles() throws Exception {
        tree.fixture("/etc/sudoers", "etc-sudoers-debian12.txt")
                .file("/etc/sudoers.d/school.disabled", "pupil ALL=(ALL) ALL\n")
                .file("/etc/sudoers.d/school~", "pupil ALL=(ALL) ALL\n")
                .file("/etc/sudoers.d/web", "%pupil ALL=(www-data) /usr/bin/php\n");
        assertEquals(Boolean.FALSE, accounts().get("pupil").administrator(),
                "sudo skips names with a dot or ending in ~, and www-data is not root");

        tree.file("/etc/sudoers.d/web", "#include ../sudoers.local\n").file("/etc/sudoers.local", "%#1001 ALL=ALL\n");
        assertEquals(Boolean.TRUE, accounts().get("pupil").administrator(), "pupil's primary group gid 1001");
        tree.file("/etc/sudoers.local", "ALL, !pupil ALL=(root) /usr/bin/apt-get\n");
        Map<String, LocalAccount> accounts = accounts();
        assertEquals(Boolean.FALSE, accounts.get("pupil").administrator(), "the last matching item (!pupil) wins");
        assertEquals(Boolean.TRUE, accounts.get("leaver").administrator(), "ALL names every account");
    }

    @Test
    void unreadableSudoersFileMakesAdminUnknownNotFalse() throws Exception {
        tree.file("/etc/sudoers", HostTree.fixture("etc-sudoers-debian12.txt") + "@include /etc/sudoers.local\n")
                .dir("/etc/sudoers.local"); // a folder where a file should be: reading it fails even as root
        Map<String, LocalAccount> accounts = accounts();
        assertNull(accounts.get("pupil").administrator());
        assertTrue(accounts.get("pupil").source().contains("admin rights unknown: could not read /etc/sudoers.local"),
                accounts.get("pupil").source());
        assertEquals(Boolean.TRUE, accounts.get("teacher").administrator(), "already known through the sudo group");
        assertEquals(Boolean.TRUE, accounts.get("root").administrator());
    }

    @Test
    void emptyShadowFieldIsAnEmptyPassword() throws Exception {
        LocalAccount guest = accounts().get("guest");
        assertEquals(PasswordState.EMPTY, guest.password());
        assertFalse(guest.disabled());
    }

    @Test
    void lockedAndExpiredAccountIsDisabled() throws Exception {
        LocalAccount leaver = accounts().get("leaver");
        assertEquals(PasswordState.LOCKED, leaver.password());
        assertTrue(leaver.disabled());
        assertTrue(leaver.source().contains("account expired on day 20660"), leaver.source());
    }

    @Test
    void lockedPasswordAloneIsNotDisabledButANologinShellIs() throws Exception {
        tree.file("/etc/shadow", HostTree.fixture("etc-shadow-school-laptop.txt").replace(":20600:0:99999:7::20660:",
                ":20600:0:99999:7:::"));
        LocalAccount leaver = accounts().get("leaver");
        assertEquals(PasswordState.LOCKED, leaver.password());
        assertFalse(leaver.disabled(), "SSH keys still log on to an account whose password is locked");
        assertTrue(leaver.interactive());

        tree.file("/etc/passwd", HostTree.fixture("etc-passwd-school-laptop.txt")
                .replace("/home/leaver:/bin/bash", "/home/leaver:/usr/sbin/nologin"));
        LocalAccount noShell = accounts().get("leaver");
        assertTrue(noShell.disabled());
        assertFalse(noShell.interactive());
        assertTrue(noShell.source().contains("shell /usr/sbin/nologin refuses logons"), noShell.source());
    }

    @Test
    void accountsAndDesktopUsersShareOnePersonRule() throws Exception {
        tree.dir("/root").dir("/home/teacher").dir("/home/pupil");
        List<String> desktop = new LocalUsers(tree.root()).desktopUsers().stream().map(PasswdFile.Entry::name).toList();
        assertEquals(List.of("teacher", "pupil"), desktop, "root is judged as an account, not as a desktop user");
        Map<String, LocalAccount> accounts = accounts();
        for (String name : desktop) {
            assertTrue(accounts.get(name).interactive(), name + " is a desktop user, so a person");
        }
        assertTrue(accounts.get("root").interactive());
    }

    @Test
    void lastChangeZeroMeansMustChangeAndIsDatedAtTheEpoch() throws Exception {
        LocalAccount newStaff = accounts().get("newstaff");
        assertEquals(Instant.EPOCH, newStaff.passwordLastSet());
        assertTrue(newStaff.source().contains("must change password at next logon"));
    }

    @Test
    void serviceAccountsAreNotInteractive() throws Exception {
        Map<String, LocalAccount> accounts = accounts();
        assertFalse(accounts.get("daemon").interactive());
        assertFalse(accounts.get("gdm").interactive(), "uid 120 is below UID_MIN and has /bin/false");
        assertFalse(accounts.get("nobody").interactive());
        assertTrue(accounts.get("root").interactive());
        assertEquals(PasswordState.LOCKED, accounts.get("daemon").password());
    }

    @Test
    void uidMinFromLoginDefsDecidesWhoIsHuman() throws Exception {
        tree.fixture("/etc/login.defs", "etc-login-defs-uidmin-500.txt")
                .file("/etc/passwd", "olduser:x:600:600::/home/olduser:/bin/bash\n");
        assertTrue(accounts().get("olduser").interactive());
        assertEquals(1000, LocalUsers.parseUidMin(""));
    }

    @Test
    void unreadableShadowGivesUnknownPasswordNotAGuess() throws Exception {
        java.nio.file.Files.delete(dir.resolve("etc/shadow"));
        LocalAccount teacher = accounts().get("teacher");
        assertEquals(PasswordState.UNKNOWN, teacher.password());
        assertNull(teacher.passwordLastSet());
        assertTrue(teacher.source().contains("/etc/shadow missing"));
    }

    @Test
    void lastLogonComesFromTheUidsLastlogRecord() throws Exception {
        ByteArrayOutputStream lastlog = new ByteArrayOutputStream();
        for (int uid = 0; uid <= 1001; uid++) {
            long time = uid == 1000 ? Instant.parse("2026-10-30T08:15:00Z").getEpochSecond() : 0;
            lastlog.write(LastlogFile.record(time, uid == 1000 ? "tty2" : "", uid == 1000 ? "" : ""));
        }
        tree.bytes("/var/log/lastlog", lastlog.toByteArray());
        Map<String, LocalAccount> accounts = accounts();
        assertEquals(Instant.parse("2026-10-30T08:15:00Z"), accounts.get("teacher").lastLogon());
        assertNull(accounts.get("pupil").lastLogon(), "time 0 = never logged on");
        assertNull(accounts.get("guest").lastLogon(), "uid beyond the end of the file = never");
    }

    @Test
    void gdmAutomaticLoginIsReportedWithItsUser() throws Exception {
        tree.fixture("/etc/gdm3/custom.conf", "gdm3-custom-conf-autologin.txt");
        LogonSettings settings = new LinuxAccountProbe(tree.root(), FIXED).logonSettings();
        assertEquals(Boolean.TRUE, settings.autoLogonEnabled());
        assertEquals("pupil", settings.autoLogonUser());
        assertTrue(settings.source().contains("/etc/gdm3/custom.conf [daemon] AutomaticLoginEnable=true"));
    }

    @Test
    void debianDefaultGdmHasNoAutologinButPasswordlessGuestAccountCounts() throws Exception {
        tree.fixture("/etc/gdm3/custom.conf", "gdm3-custom-conf-debian-default.txt");
        LogonSettings settings = new LinuxAccountProbe(tree.root(), FIXED).logonSettings();
        assertEquals(Boolean.FALSE, settings.autoLogonEnabled());
        assertNull(settings.autoLogonUser());
        assertEquals(Boolean.TRUE, settings.guestEnabled(), "the guest account has an empty password");
    }

    @Test
    void lightdmGuestAndAutologinAndSddmAutologin() throws Exception {
        tree.file("/etc/shadow", HostTree.fixture("etc-shadow-school-laptop.txt").replace("guest::", "guest:!:"))
                .fixture("/etc/lightdm/lightdm.conf", "lightdm-conf-guest-autologin.txt");
        LogonSettings lightdm = new LinuxAccountProbe(tree.root(), FIXED).logonSettings();
        assertEquals(Boolean.TRUE, lightdm.guestEnabled());
        assertEquals("classroom", lightdm.autoLogonUser());

        tree.fixture("/etc/sddm.conf.d/autologin.conf", "sddm-conf-autologin.txt");
        java.nio.file.Files.delete(dir.resolve("etc/lightdm/lightdm.conf"));
        LogonSettings sddm = new LinuxAccountProbe(tree.root(), FIXED).logonSettings();
        assertEquals("kiosk", sddm.autoLogonUser());
        assertEquals(Boolean.FALSE, sddm.guestEnabled());
    }

    @Test
    void gettyAutologinDropInIsAutomaticLogon() throws Exception {
        tree.file("/etc/shadow", HostTree.fixture("etc-shadow-school-laptop.txt").replace("guest::", "guest:!:"))
                .fixture("/etc/systemd/system/getty@tty1.service.d/autologin.conf", "getty-tty1-autologin-conf.txt");
        LogonSettings settings = new LinuxAccountProbe(tree.root(), FIXED).logonSettings();
        assertEquals(Boolean.TRUE, settings.autoLogonEnabled());
        assertEquals("pupil", settings.autoLogonUser());
        assertTrue(settings.source().contains("getty@tty1.service.d/autologin.conf ExecStart=... --autologin pupil"),
                settings.source());
        assertEquals(java.util.Optional.of("kiosk"),
                GettyAutologin.user(List.of("[Service]\nExecStart=-/sbin/agetty -a kiosk --noclear %I $TERM\n")));
        assertEquals(java.util.Optional.empty(), GettyAutologin.user(List.of(HostTree.fixture(
                "getty-tty1-autologin-conf.txt"), "[Service]\nExecStart=\nExecStart=-/sbin/agetty --noclear %I $TERM\n")),
                "a later drop-in that resets ExecStart without --autologin wins");
    }

    @Test
    void lightdmGuestDefaultDependsOnTheGuestAccountScript() throws Exception {
        tree.file("/etc/shadow", HostTree.fixture("etc-shadow-school-laptop.txt").replace("guest::", "guest:!:"))
                .file("/usr/sbin/lightdm", "").file("/etc/lightdm/lightdm.conf", "[Seat:*]\n#allow-guest=true\n")
                .file("/var/lib/dpkg/status", "Package: lightdm\nStatus: install ok installed\nVersion: 1.26.0-8\n\n");
        LogonSettings noScript = new LinuxAccountProbe(tree.root(), FIXED).logonSettings();
        assertEquals(Boolean.FALSE, noScript.guestEnabled());
        assertTrue(noScript.source().contains("LightDM 1.26.0-8: allow-guest not set (defaults to true), but no "
                + "guest-account script"), noScript.source());

        tree.file("/usr/sbin/guest-account", "#!/bin/sh\n");
        LogonSettings withScript = new LinuxAccountProbe(tree.root(), FIXED).logonSettings();
        assertEquals(Boolean.TRUE, withScript.guestEnabled(), "allow-guest defaults to true in LightDM");
    }

    @Test
    void unrecognisedDisplayManagerMakesGuestAndAutologonUnknown() throws Exception {
        tree.file("/etc/shadow", HostTree.fixture("etc-shadow-school-laptop.txt").replace("guest::", "guest:!:"))
                .file("/usr/sbin/lxdm", "");
        LogonSettings settings = new LinuxAccountProbe(tree.root(), FIXED).logonSettings();
        assertNull(settings.guestEnabled());
        assertNull(settings.autoLogonEnabled());
        assertTrue(settings.source().contains("display manager not read: LXDM"), settings.source());

        tree.fixture("/etc/systemd/system/getty@tty1.service.d/autologin.conf", "getty-tty1-autologin-conf.txt");
        assertEquals(Boolean.TRUE, new LinuxAccountProbe(tree.root(), FIXED).logonSettings().autoLogonEnabled(),
                "a found automatic logon stays true");
    }

    @Test
    void passwordStatesFollowShadowConventions() {
        assertEquals(PasswordState.LOCKED, LinuxAccountProbe.passwordState("!!"));
        assertEquals(PasswordState.LOCKED, LinuxAccountProbe.passwordState("!$6$abc$def"));
        assertEquals(PasswordState.LOCKED, LinuxAccountProbe.passwordState("*"));
        assertEquals(PasswordState.EMPTY, LinuxAccountProbe.passwordState(""));
        assertEquals(PasswordState.SET, LinuxAccountProbe.passwordState("$y$j9T$salt$hash"));
        List.of("x").forEach(h -> assertEquals(PasswordState.LOCKED, LinuxAccountProbe.passwordState(h)));
    }
}
