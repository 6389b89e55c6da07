package org.nestguard.agent.platform.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nestguard.agent.platform.FirewallState;
import org.nestguard.agent.platform.InstalledApp;
import org.nestguard.agent.platform.LogonNotice;
import org.nestguard.agent.platform.OsRelease;
import org.nestguard.agent.platform.Platform;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.SoftwareInventory;
import org.nestguard.agent.platform.windows.RegistryReader.Hive;

/**
 * Firewall, release, software and logon notice probes over {@code reg export} fixtures (Windows Registry Editor 5.00,
 * stored as UTF-8; key paths and value names as documented in research §3e-g), and a Mockito RegistryReader for the
 * access-denied cases.
 */
class WindowsRegistryProbesTest {

    private static Map<String, FirewallState> firewall(RegistryReader registry) throws ProbeException {
        return new WindowsFirewallProbe(registry).firewalls().stream()
                .collect(Collectors.toMap(FirewallState::name, Function.identity()));
    }

    @Test
    void firewallReportsEachProfileFromTheLocalSetting() throws ProbeException {
        Map<String, FirewallState> profiles = firewall(RegFileRegistry.load("reg-export-firewallpolicy-local.reg"));

        assertEquals(3, profiles.size());
        assertEquals(Boolean.TRUE, profiles.get("Windows Firewall (Domain profile)").enabled());
        FirewallState privateProfile = profiles.get("Windows Firewall (Private profile)");
        assertEquals(Boolean.FALSE, privateProfile.enabled());
        assertTrue(privateProfile.source().endsWith("StandardProfile EnableFirewall"), privateProfile.source());
    }

    @Test
    void groupPolicyOverridesTheLocalSettingBothWays() throws ProbeException {
        Map<String, FirewallState> profiles = firewall(RegFileRegistry.load("reg-export-firewallpolicy-local.reg",
                "reg-export-windowsfirewall-policy.reg"));

        assertEquals(Boolean.TRUE, profiles.get("Windows Firewall (Private profile)").enabled());
        FirewallState publicProfile = profiles.get("Windows Firewall (Public profile)");
        assertEquals(Boolean.FALSE, publicProfile.enabled());
        assertTrue(publicProfile.detail().contains("Group Policy"), publicProfile.detail());
    }

    @Test
    void firewallValueMissingOrUnreadableIsNullNotOn() throws ProbeException {
        assertNull(firewall(RegFileRegistry.load()).get("Windows Firewall (Domain profile)").enabled());

        RegistryReader denied = mock(RegistryReader.class);
        when(denied.string(any(), any(), any())).thenThrow(new ProbeException("no permission to read HKLM\\..."));
        FirewallState domain = firewall(denied).get("Windows Firewall (Domain profile)");
        assertNull(domain.enabled());
        assertTrue(domain.detail().contains("no permission"), domain.detail());
    }

    @Test
    void windows11IsNamedFromTheBuildThoughProductNameSaysWindows10() throws ProbeException {
        OsRelease release = new WindowsUpdateProbe(RegFileRegistry.load("reg-export-currentversion-win11.reg"), null, java.time.Clock.systemUTC())
                .release();

        assertEquals("windows", release.family());
        assertEquals("Windows 11 Education", release.name());
        assertEquals("23H2", release.version());
        assertEquals("22631.3241", release.build());
        assertTrue(release.source().contains("ProductName=Windows 10 Education"), release.source());
    }

    @Test
    void olderWindows10UsesReleaseId() throws ProbeException {
        OsRelease release = new WindowsUpdateProbe(RegFileRegistry.load("reg-export-currentversion-win10-1909.reg"),
                null, java.time.Clock.systemUTC()).release();

        assertEquals("Windows 10 Pro", release.name());
        assertEquals("1909", release.version());
        assertEquals("18363.1960", release.build());
    }

    @Test
    void missingCurrentVersionIsAProbeException() {
        assertThrows(ProbeException.class, () -> new WindowsUpdateProbe(RegFileRegistry.load(), null, java.time.Clock.systemUTC()).release());
    }

    @Test
    void softwareListsMachineAndUserAppsAndSkipsHiddenAndUpdates() throws ProbeException {
        List<InstalledApp> apps = new WindowsSoftwareProbe(
                RegFileRegistry.load("reg-export-profilelist.reg", "reg-export-uninstall.reg")).installed().apps();
        Map<String, InstalledApp> byName = apps.stream()
                .collect(Collectors.toMap(InstalledApp::name, Function.identity()));

        assertEquals(List.of("Microsoft Edge", "Microsoft OneDrive", "Microsoft Update Health Tools",
                "Mozilla Firefox ESR (x64 en-GB)", "Scratch 3.29.1", "Discord").stream().sorted().toList(),
                byName.keySet().stream().sorted().toList());
        InstalledApp firefox = byName.get("Mozilla Firefox ESR (x64 en-GB)");
        assertEquals("128.7.0", firefox.version());
        assertFalse(firefox.osComponent());
        assertNull(firefox.user());
        assertTrue(byName.get("Microsoft Edge").osComponent());
        assertTrue(byName.get("Microsoft Edge").source().startsWith("HKLM\\SOFTWARE\\WOW6432Node"));
        InstalledApp discord = byName.get("Discord");
        assertEquals("mrs.patel", discord.user());
        assertTrue(discord.source().startsWith("HKU\\S-1-5-21-"), discord.source());
    }

    @Test
    void unexpectedGroupPolicyValueIsNotSkippedInFavourOfTheLocalOne() throws ProbeException {
        RegistryReader registry = spy(RegFileRegistry.load("reg-export-firewallpolicy-local.reg"));
        doReturn(Optional.of("on")).when(registry).string(Hive.HKEY_LOCAL_MACHINE,
                WindowsFirewallProbe.POLICY + "\\DomainProfile", "EnableFirewall");

        FirewallState domain = firewall(registry).get("Windows Firewall (Domain profile)");

        assertNull(domain.enabled());
        assertTrue(domain.detail().contains("unexpected value \"on\" set by Group Policy"), domain.detail());
    }

    @Test
    void loggedOffUsersSoftwareIsReadFromTheirLoadedHive() throws ProbeException {
        SoftwareInventory inventory = new WindowsSoftwareProbe(RegFileRegistry.load("reg-export-profilelist.reg",
                "reg-export-uninstall.reg", "reg-export-ntuser-classroom-loaded.reg")).installed();

        InstalledApp roblox = inventory.apps().stream().filter(a -> a.name().startsWith("Roblox")).findFirst()
                .orElseThrow();
        assertEquals("classroom", roblox.user());
        assertTrue(inventory.unreadable().isEmpty(), inventory.unreadable().toString());
    }

    @Test
    void hiveThatCannotBeLoadedIsNamedAsUnreadable() throws ProbeException {
        RegistryReader registry = spy(RegFileRegistry.load("reg-export-profilelist.reg", "reg-export-uninstall.reg"));
        doThrow(new ProbeException("hive not loaded: RegLoadKey(C:\\Users\\classroom\\NTUSER.DAT) failed with "
                + "error 32 (The process cannot access the file because it is being used by another process.)"))
                .when(registry).withUserHive(eq("S-1-5-21-1004336348-1177238915-682003330-1002"), any(), any());

        SoftwareInventory inventory = new WindowsSoftwareProbe(registry).installed();

        assertEquals(List.of("HKEY_USERS\\S-1-5-21-1004336348-1177238915-682003330-1002 (C:\\Users\\classroom): "
                + "hive not loaded: RegLoadKey(C:\\Users\\classroom\\NTUSER.DAT) failed with error 32 (The process "
                + "cannot access the file because it is being used by another process.)"), inventory.unreadable());
        assertTrue(inventory.apps().stream().anyMatch(a -> a.name().equals("Discord")), "loaded hives still read");
    }

    @Test
    void policyLegalNoticeIsReported() throws ProbeException {
        List<LogonNotice> notices = new WindowsLogonNoticeProbe(RegFileRegistry.load(
                "reg-export-policies-system-inactivity.reg", "reg-export-winlogon-default.reg")).notices();

        assertEquals(1, notices.size());
        assertEquals("Ditton CE Junior School", notices.get(0).title());
        assertTrue(notices.get(0).text().startsWith("This device belongs to"));
        assertTrue(notices.get(0).source().contains("Policies\\System"), notices.get(0).source());
    }

    @Test
    void emptyWinlogonValuesMeanNoNotice() throws ProbeException {
        assertTrue(new WindowsLogonNoticeProbe(RegFileRegistry.load("reg-export-winlogon-default.reg")).notices()
                .isEmpty());
    }

    @Test
    void multiStringNoticeTextIsJoinedByLines() throws ProbeException {
        LogonNotice notice = new WindowsLogonNoticeProbe(
                RegFileRegistry.load("reg-export-winlogon-legalnotice-multisz.reg")).notices().get(0);
        assertEquals("Line 1\nLine 2", notice.text());
        assertEquals("Notice", notice.title());
    }

    @Test
    void unreadableNoticeKeyIsAProbeExceptionNotAnEmptyList() throws ProbeException {
        RegistryReader denied = mock(RegistryReader.class);
        when(denied.string(any(), any(), any())).thenThrow(new ProbeException("no permission"));
        assertThrows(ProbeException.class, () -> new WindowsLogonNoticeProbe(denied).notices());
    }

    @Test
    void platformIsNamedWindowsAndWiresEveryProbe() {
        Platform platform = WindowsPlatform.create(mock(org.nestguard.agent.platform.CommandRunner.class),
                mock(RegistryReader.class), mock(WmiReader.class), mock(NetUserReader.class), Clock.systemUTC());
        assertEquals("windows", platform.name());
        assertTrue(platform.encryption() instanceof WindowsEncryptionProbe);
        assertTrue(platform.logonNotice() instanceof WindowsLogonNoticeProbe);
        assertEquals("HKLM\\SOFTWARE", Hive.HKEY_LOCAL_MACHINE.path("SOFTWARE"));
    }
}
