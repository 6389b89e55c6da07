package org.nestguard.agent.platform.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.platform.AntivirusProduct;
import org.nestguard.agent.platform.FirewallState;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.InstalledApp;
import org.nestguard.agent.platform.LocalAccount;
import org.nestguard.agent.platform.LocalAccount.PasswordState;
import org.nestguard.agent.platform.LogonNotice;
import org.nestguard.agent.platform.LogonSettings;
import org.nestguard.agent.platform.PendingUpdates;
import org.nestguard.agent.platform.Platform;
import org.nestguard.agent.platform.ScreenLockSetting;
import org.nestguard.agent.platform.SoftwareInventory;
import org.nestguard.agent.platform.VolumeEncryption;
import org.nestguard.agent.platform.VolumeEncryption.EncryptionState;
import org.nestguard.agent.platform.VolumeEncryption.VolumeRole;

/**
 * Every probe of {@link MacPlatform#create} against one fixture Mac: a school MacBook on macOS 15.1.1 with FileVault
 * on, ada (admin, at the console), bob (disabled) and cy (an Active Directory mobile account), the firewall on, SIP on,
 * one pending macOS update, Safari and Scratch installed and a policy banner. The commands answer with the same
 * fixtures the per-probe tests use; the files live under a temporary host root.
 */
class MacPlatformTest {
    private static final String ADA = "launchctl asuser 501 sudo -u ada ";
    private static final String FW = MacFirewallProbe.SOCKETFILTERFW;
    private static final String LW = MacAccountProbe.LOGINWINDOW;

    @TempDir
    Path root;
    private Platform mac;

    @BeforeEach
    void machine() throws Exception {
        FakeCommandRunner runner = MacAccountProbeTest.directory()
                // encryption
                .stdout("fdesetup status", "fdesetup-status-on.txt")
                .stdout("diskutil apfs list -plist", "diskutil-apfs-list-filevault-on.plist")
                .stdout("diskutil info -plist /", "diskutil-info-root.plist")
                // screen lock: ada is at the console
                .answer("stat -f%Su /dev/console", 0, "ada\n", "")
                .stderr(ADA + "sysadminctl -screenLock status", "sysadminctl-screenlock-immediate.txt")
                .answer(ADA + "defaults -currentHost read com.apple.screensaver idleTime", 0, "300\n", "")
                .stdout("pmset -g custom", "pmset-g-custom.txt")
                .stdout("last -1 ada", "last-1-ada.txt")
                .stdout("last -1 cy", "last-1-never.txt")
                // logon settings
                .answer("defaults read " + LW + " GuestEnabled", 1, "", "does not exist")
                .stderr("sysadminctl -guestAccount status", "sysadminctl-guestaccount-disabled.txt")
                .answer("defaults read " + LW + " autoLoginUser", 1, "",
                        FakeCommandRunner.fixture("defaults-read-autologinuser-missing.txt"))
                // antivirus
                .stdout("csrutil status", "csrutil-status-enabled.txt")
                .stdout("spctl --status", "spctl-status-enabled.txt")
                // firewall
                .stdout(FW + " --getglobalstate", "socketfilterfw-getglobalstate-on.txt")
                .stdout(FW + " --getstealthmode", "socketfilterfw-getstealthmode-on.txt")
                .stdout(FW + " --getblockall", "socketfilterfw-getblockall-off.txt")
                // updates
                .stdout("sw_vers", "sw_vers-15.txt")
                .stdout("softwareupdate --list --no-scan", "softwareupdate-list-noscan-available.txt")
                // logon notice: a banner file, no message under the login fields
                .answer("defaults read /Library/Preferences/com.apple.loginwindow LoginwindowText", 1, "",
                        "The domain/default pair of (/Library/Preferences/com.apple.loginwindow, LoginwindowText) "
                                + "does not exist");

        FakeCommandRunner.place(root, MacAntivirusProbe.XPROTECT_PLIST, "xprotect-info.plist");
        Files.setLastModifiedTime(root.resolve(MacAntivirusProbe.XPROTECT_PLIST.substring(1)),
                FileTime.from(Instant.parse("2024-11-05T18:22:00Z")));
        FakeCommandRunner.place(root, MacUpdateProbe.PREFERENCES, "softwareupdate-prefs.plist");
        FakeCommandRunner.place(root, "/System/Applications/Safari.app/Contents/Info.plist", "app-info-safari.plist");
        FakeCommandRunner.place(root, "/Applications/Scratch 3.app/Contents/Info.plist", "app-info-scratch.plist");
        FakeCommandRunner.place(root, "/Library/Security/PolicyBanner.txt", "PolicyBanner-crlf.txt");
        Files.createDirectories(root.resolve("Users/ada"));

        mac = MacPlatform.create(runner, new HostRoot(root),
                Clock.fixed(Instant.parse("2024-11-21T09:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void encryptionSeesFileVaultOnTheDataVolume() throws Exception {
        assertEquals("macos", mac.name());
        VolumeEncryption data = mac.encryption().volumes().stream()
                .filter(v -> v.role() == VolumeRole.DATA).findFirst().orElseThrow();
        assertEquals(EncryptionState.ENCRYPTED, data.state());
        assertEquals("/System/Volumes/Data", data.volume());
    }

    @Test
    void screenLockForThePeopleOnly() throws Exception {
        List<ScreenLockSetting> settings = mac.screenLock().users();
        assertEquals(List.of("ada", "cy"), settings.stream().map(ScreenLockSetting::user).toList());
        ScreenLockSetting ada = settings.get(0);
        assertEquals(Duration.ofSeconds(300), ada.idleBeforeLock(), "idleTime 300 s, password immediately");
        assertEquals(Boolean.TRUE, ada.passwordOnWake());
        assertTrue(settings.get(1).unreadableReason().contains("no console session"));
    }

    @Test
    void accountsAndLogonSettings() throws Exception {
        List<LocalAccount> accounts = mac.accounts().accounts();
        assertEquals(List.of("ada", "cy"), accounts.stream().filter(LocalAccount::interactive)
                .map(LocalAccount::name).toList());
        LocalAccount ada = accounts.stream().filter(a -> a.name().equals("ada")).findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, ada.administrator());
        assertEquals(Instant.parse("2024-05-01T08:00:00.250Z"), ada.passwordLastSet());
        // last prints the Mac's local time; the platform reads it in the JVM's zone, as on the Mac itself.
        assertEquals(LocalDateTime.of(2024, 11, 18, 8, 55).atZone(ZoneId.systemDefault()).toInstant(), ada.lastLogon());
        LocalAccount cy = accounts.stream().filter(a -> a.name().equals("cy")).findFirst().orElseThrow();
        assertEquals(PasswordState.SET, cy.password());
        assertNull(cy.passwordLastSet());
        assertNull(cy.lastLogon(), "no logon since the log began");

        LogonSettings logon = mac.accounts().logonSettings();
        assertEquals(Boolean.FALSE, logon.guestEnabled());
        assertEquals(Boolean.FALSE, logon.autoLogonEnabled());
    }

    @Test
    void antivirusIsXprotectWithSipOn() throws Exception {
        AntivirusProduct xprotect = mac.antivirus().products().get(0);
        assertEquals("XProtect", xprotect.name());
        assertEquals(Boolean.TRUE, xprotect.enabled());
        assertEquals(AntivirusProduct.RealTime.ON, xprotect.realTime());
        assertEquals("5284", xprotect.signatureVersion());
        assertEquals(Instant.parse("2024-11-05T18:22:00Z"), xprotect.signaturesUpdated());
    }

    @Test
    void firewallIsOnWithStealthMode() throws Exception {
        FirewallState firewall = mac.firewall().firewalls().get(0);
        assertEquals(Boolean.TRUE, firewall.enabled());
        assertTrue(firewall.detail().toLowerCase(java.util.Locale.ROOT).contains("stealth"), firewall.detail());
    }

    @Test
    void updatesReleaseAndCatalogue() throws Exception {
        assertEquals("15", mac.updates().release().version());
        PendingUpdates pending = mac.updates().pending();
        assertEquals(3, pending.updates().size());
        assertTrue(pending.updates().get(0).security());
        assertEquals(Instant.parse("2024-11-20T07:03:10Z"), pending.catalogRefreshed());
    }

    @Test
    void softwareListsSystemAndAddedApps() throws Exception {
        SoftwareInventory inventory = mac.software().installed();
        assertTrue(inventory.unreadable().isEmpty());
        InstalledApp safari = inventory.apps().stream().filter(a -> a.name().equals("Safari")).findFirst().orElseThrow();
        assertTrue(safari.osComponent());
        assertTrue(inventory.apps().stream().anyMatch(a -> !a.osComponent() && a.name().startsWith("Scratch")),
                inventory.apps().toString());
    }

    @Test
    void logonNoticeIsTheBannerBeforeLogon() throws Exception {
        List<LogonNotice> notices = mac.logonNotice().notices();
        assertEquals(1, notices.size());
        assertEquals(LogonNotice.Stage.BEFORE_LOGON, notices.get(0).stage());
        assertTrue(notices.get(0).text().startsWith("This computer belongs to Ditton CE Junior School."));
    }
}
