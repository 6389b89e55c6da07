package org.nestguard.agent.platform.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.VolumeEncryption;
import org.nestguard.agent.platform.VolumeEncryption.EncryptionState;
import org.nestguard.agent.platform.VolumeEncryption.Protection;
import org.nestguard.agent.platform.VolumeEncryption.VolumeRole;

/**
 * Fixture formats (written by hand, not captured; this machine is Linux): fdesetup-status-*.txt use the strings of
 * research §5 F4 (rtrouton check_apfs_encryption comments and public test code); fdesetup prints English whatever the
 * locale, so fdesetup-status-localized-unknown.txt is a hypothetical French line that must stay UNKNOWN.
 * diskutil-apfs-list-*.plist follow the volume keys of §5 F14 (kolide diskutil-apfs.txt) inside the
 * Containers/Volumes layout diskutil prints; the French one carries the installer's localized Data volume name.
 * diskutil-info-root.plist follows `diskutil info -plist /` keys (APFSContainerReference, FileVault; §5 F15).
 */
class MacEncryptionProbeTest {

    private static FakeCommandRunner mac(String fdesetup, String apfs) {
        FakeCommandRunner runner = new FakeCommandRunner().stdout("diskutil info -plist /", "diskutil-info-root.plist");
        if (fdesetup != null) {
            runner.stdout("fdesetup status", fdesetup);
        }
        if (apfs != null) {
            runner.stdout("diskutil apfs list -plist", apfs);
        }
        return runner;
    }

    private static VolumeEncryption role(List<VolumeEncryption> volumes, VolumeRole role) {
        return volumes.stream().filter(v -> v.role() == role).findFirst().orElseThrow();
    }

    @Test
    void fileVaultOnReportsDataVolumeEncryptedAndProtected() throws ProbeException {
        List<VolumeEncryption> volumes = new MacEncryptionProbe(
                mac("fdesetup-status-on.txt", "diskutil-apfs-list-filevault-on.plist")).volumes();

        assertEquals(2, volumes.size(), "Preboot and other helper volumes are not reported");
        VolumeEncryption data = role(volumes, VolumeRole.DATA);
        assertEquals("/System/Volumes/Data", data.volume());
        assertEquals("disk3s5", data.device());
        assertEquals(EncryptionState.ENCRYPTED, data.state());
        assertEquals(Protection.ON, data.protection());
        assertTrue(data.source().contains("FileVault is On."), data.source());
        assertTrue(data.source().contains("disk3s5"), data.source());

        VolumeEncryption system = role(volumes, VolumeRole.SYSTEM);
        assertEquals("/", system.volume());
        assertTrue(system.method().contains("sealed"), system.method());
        assertEquals(Protection.ON, system.protection());
    }

    @Test
    void appleSiliconWithoutFileVaultIsHardwareEncryptedButUnprotected() throws ProbeException {
        List<VolumeEncryption> volumes = new MacEncryptionProbe(
                mac("fdesetup-status-off.txt", "diskutil-apfs-list-applesilicon-filevault-off-fr.plist")).volumes();

        VolumeEncryption data = role(volumes, VolumeRole.DATA);
        assertEquals(EncryptionState.ENCRYPTED, data.state());
        assertEquals(Protection.OFF, data.protection(), "no password protects the key: anyone with the Mac reads it");
        assertTrue(data.method().contains("without FileVault"), data.method());
        assertTrue(data.source().contains("Macintosh HD - Données"), "localized name kept as evidence");
    }

    @Test
    void intelWithoutFileVaultIsNotEncrypted() throws ProbeException {
        VolumeEncryption data = role(new MacEncryptionProbe(
                mac("fdesetup-status-off.txt", "diskutil-apfs-list-intel-filevault-off.plist")).volumes(),
                VolumeRole.DATA);

        assertEquals(EncryptionState.NOT_ENCRYPTED, data.state());
        assertEquals(Protection.OFF, data.protection());
    }

    @Test
    void encryptionInProgressGivesPercentage() throws ProbeException {
        VolumeEncryption data = role(new MacEncryptionProbe(
                mac("fdesetup-status-encrypting.txt", "diskutil-apfs-list-intel-filevault-off.plist")).volumes(),
                VolumeRole.DATA);

        assertEquals(EncryptionState.ENCRYPTING, data.state());
        assertEquals(43, data.percentEncrypted());
    }

    @Test
    void decryptionInProgressIsNotProtected() throws ProbeException {
        VolumeEncryption data = role(new MacEncryptionProbe(
                mac("fdesetup-status-decrypting.txt", "diskutil-apfs-list-filevault-on.plist")).volumes(),
                VolumeRole.DATA);

        assertEquals(EncryptionState.DECRYPTING, data.state());
        assertEquals(Protection.OFF, data.protection());
        assertEquals(3, data.percentEncrypted());
    }

    @Test
    void restartPendingIsNotYetInForce() throws ProbeException {
        VolumeEncryption data = role(new MacEncryptionProbe(
                mac("fdesetup-status-restart.txt", "diskutil-apfs-list-intel-filevault-off.plist")).volumes(),
                VolumeRole.DATA);

        assertEquals(EncryptionState.ENCRYPTING, data.state());
        assertEquals(Protection.UNKNOWN, data.protection());
        assertTrue(data.source().contains("restart pending"), data.source());
    }

    @Test
    void disagreementBetweenFdesetupAndDiskutilIsUnknown() throws ProbeException {
        VolumeEncryption data = role(new MacEncryptionProbe(
                mac("fdesetup-status-off.txt", "diskutil-apfs-list-filevault-on.plist")).volumes(),
                VolumeRole.DATA);

        assertEquals(EncryptionState.UNKNOWN, data.state());
        assertEquals(Protection.UNKNOWN, data.protection());
    }

    @Test
    void withoutDiskutilFileVaultOffCannotTellHardwareEncryption() throws ProbeException {
        List<VolumeEncryption> volumes = new MacEncryptionProbe(mac("fdesetup-status-off.txt", null)).volumes();

        assertEquals(1, volumes.size());
        assertEquals(EncryptionState.UNKNOWN, volumes.get(0).state());
        assertEquals(Protection.OFF, volumes.get(0).protection());
        assertNull(volumes.get(0).device());
    }

    @Test
    void localizedOrUnknownFdesetupFallsBackToDiskutilFlags() throws ProbeException {
        VolumeEncryption data = role(new MacEncryptionProbe(
                mac("fdesetup-status-localized-unknown.txt", "diskutil-apfs-list-filevault-on.plist")).volumes(),
                VolumeRole.DATA);

        assertEquals(EncryptionState.ENCRYPTED, data.state());
        assertTrue(!data.source().contains("fdesetup"), "an unrecognised fdesetup line is not evidence");
    }

    @Test
    void nothingReadableIsAProbeException() {
        ProbeException e = assertThrows(ProbeException.class,
                () -> new MacEncryptionProbe(mac("fdesetup-status-localized-unknown.txt", null)).volumes());
        assertTrue(e.getMessage().contains("could not read FileVault"), e.getMessage());
    }

    @Test
    void fdesetupParserReadsVariants() {
        assertEquals(FdesetupStatus.State.OFF, FdesetupStatus.parse("FileVault is Off (Core Storage).").fileVault());
        assertEquals(FdesetupStatus.State.ON, FdesetupStatus.parse("FileVault is On (2).\r\n").fileVault());
        FdesetupStatus deferred = FdesetupStatus.parse(
                "FileVault is Off.\nDeferred enablement appears to be active for user 'ada'.");
        assertEquals(FdesetupStatus.State.OFF, deferred.fileVault());
        assertEquals(FdesetupStatus.Progress.NONE, deferred.progress(), "deferred enablement without restart text");
        assertEquals(FdesetupStatus.State.UNKNOWN, FdesetupStatus.parse("").fileVault());
    }
}
