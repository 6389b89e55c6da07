package org.nestguard.agent.platform.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.VolumeEncryption;
import org.nestguard.agent.platform.VolumeEncryption.EncryptionState;
import org.nestguard.agent.platform.VolumeEncryption.Protection;
import org.nestguard.agent.platform.VolumeEncryption.VolumeRole;

/**
 * WMI fixtures (wmi-win32-encryptablevolume-*.json, format described in {@link Fixtures}) are written from the
 * Win32_EncryptableVolume documentation (research §3a); the manage-bde fixture follows research F2.
 */
class WindowsEncryptionProbeTest {
    private final WmiReader wmi = mock(WmiReader.class);
    private final CommandRunner runner = mock(CommandRunner.class);
    private final WindowsEncryptionProbe probe = new WindowsEncryptionProbe(wmi, runner);

    @Test
    void wmiReportsFixedVolumesAndLeavesRemovableOut() throws Exception {
        when(wmi.query(WindowsEncryptionProbe.NAMESPACE, "Win32_EncryptableVolume", WindowsEncryptionProbe.PROPERTIES))
                .thenReturn(Fixtures.wmiRows("wmi-win32-encryptablevolume-mixed.json"));

        List<VolumeEncryption> volumes = probe.volumes();

        assertEquals(List.of("C:", "D:"), volumes.stream().map(VolumeEncryption::volume).toList());
        VolumeEncryption c = volumes.get(0);
        assertEquals(VolumeRole.SYSTEM, c.role());
        assertEquals(EncryptionState.ENCRYPTED, c.state());
        assertEquals(Protection.ON, c.protection());
        assertEquals(100, c.percentEncrypted());
        assertEquals("XTS-AES 128", c.method());
        assertTrue(c.source().startsWith("WMI root\\CIMV2\\Security\\MicrosoftVolumeEncryption"), c.source());
        VolumeEncryption d = volumes.get(1);
        assertEquals(EncryptionState.ENCRYPTING, d.state());
        assertEquals(Protection.OFF, d.protection());
        assertNull(d.percentEncrypted(), "progress is only known from GetConversionStatus");
        verify(runner, never()).run(any(String[].class));
    }

    @Test
    void staleProtectionOnADecryptedVolumeIsNotReportedAsOn() throws Exception {
        when(wmi.query(any(), any(), any()))
                .thenReturn(Fixtures.wmiRows("wmi-win32-encryptablevolume-stale-protection.json"));

        List<VolumeEncryption> volumes = probe.volumes();

        assertEquals(EncryptionState.NOT_ENCRYPTED, volumes.get(0).state());
        assertEquals(Protection.OFF, volumes.get(0).protection());
        assertTrue(volumes.get(0).source().contains("contradicts"), volumes.get(0).source());
        VolumeEncryption locked = volumes.get(1);
        assertTrue(locked.volume().startsWith("\\\\?\\Volume{"), "no drive letter: the device id names it");
        assertEquals(EncryptionState.UNKNOWN, locked.state());
        assertEquals(Protection.UNKNOWN, locked.protection());
    }

    @Test
    void accessDeniedFallsBackToManageBde() throws Exception {
        when(wmi.query(any(), any(), any())).thenThrow(new WmiQueryException(
                WmiQueryException.Failure.ACCESS_DENIED, "access denied"));
        when(runner.run("manage-bde", "-status")).thenReturn(new CommandResult(List.of("manage-bde", "-status"), 0,
                Fixtures.text("manage-bde-status-de-decrypted.txt"), ""));

        VolumeEncryption c = probe.volumes().get(0);

        assertEquals(EncryptionState.NOT_ENCRYPTED, c.state());
        assertTrue(c.source().startsWith("manage-bde -status"), c.source());
        assertTrue(c.source().contains("ACCESS_DENIED"), c.source());
    }

    @Test
    void bothSourcesFailingIsAProbeExceptionNamingBoth() throws Exception {
        when(wmi.query(any(), any(), any())).thenThrow(new WmiQueryException(
                WmiQueryException.Failure.ACCESS_DENIED, "access denied to WMI"));
        when(runner.run("manage-bde", "-status")).thenReturn(new CommandResult(List.of("manage-bde", "-status"),
                -1, "ERROR: An attempt to access a required resource was denied.", ""));

        ProbeException e = assertThrows(ProbeException.class, probe::volumes);
        assertTrue(e.getMessage().contains("access denied to WMI"), e.getMessage());
        assertTrue(e.getMessage().contains("required resource was denied"), e.getMessage());
    }

    @Test
    void manageBdeFallbackLeavesOutRemovableVolumesAsWmiDoes() throws Exception {
        when(wmi.query(eq(WindowsEncryptionProbe.NAMESPACE), any(), any())).thenThrow(new WmiQueryException(
                WmiQueryException.Failure.ACCESS_DENIED, "access denied"));
        when(wmi.query(RemovableVolumes.VOLUME_NAMESPACE, RemovableVolumes.VOLUME_CLASS,
                RemovableVolumes.VOLUME_PROPERTIES)).thenReturn(Fixtures.wmiRows("wmi-win32-volume-usb-stick.json"));
        when(runner.run("manage-bde", "-status")).thenReturn(new CommandResult(List.of("manage-bde", "-status"), 0,
                Fixtures.text("manage-bde-status-en-with-usb-stick.txt"), ""));

        assertEquals(List.of("C:", "D:"), probe.volumes().stream().map(VolumeEncryption::volume).toList());
    }

    @Test
    void manageBdeVolumesAreKeptAndSaySoWhenRemovabilityCannotBeRead() throws Exception {
        when(wmi.query(any(), any(), any())).thenThrow(new WmiQueryException(
                WmiQueryException.Failure.ACCESS_DENIED, "access denied"));
        when(runner.run("manage-bde", "-status")).thenReturn(new CommandResult(List.of("manage-bde", "-status"), 0,
                Fixtures.text("manage-bde-status-en-with-usb-stick.txt"), ""));

        List<VolumeEncryption> volumes = probe.volumes();

        assertEquals(3, volumes.size());
        assertTrue(volumes.get(2).source().contains("could not tell whether it is removable"),
                volumes.get(2).source());
    }
}
