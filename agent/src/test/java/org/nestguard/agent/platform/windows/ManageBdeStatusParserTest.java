package org.nestguard.agent.platform.windows;

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
 * Fixture formats: manage-bde-status-en-*.txt follow research F1 (English, Win 11 22621, CRLF as on Windows) with a
 * second data volume written in the same layout; manage-bde-status-de-*.txt are research F2 (German, 19041);
 * -cp850 is the same German text stored in code page 850, as manage-bde writes it to a pipe; the French file is
 * written from the F1 layout with French labels and serves only to show an unknown language is refused (its exact
 * wording is not verified on a French Windows).
 */
class ManageBdeStatusParserTest {
    private static final String COMMAND = "manage-bde -status";

    @Test
    void englishOsVolumeUsedSpaceOnlyIsEncryptedAndDataVolumeIsInProgress() throws ProbeException {
        List<VolumeEncryption> volumes = ManageBdeStatusParser.parse(
                Fixtures.text("manage-bde-status-en-os-encrypted-data-encrypting.txt"), COMMAND);

        assertEquals(2, volumes.size());
        VolumeEncryption c = volumes.get(0);
        assertEquals("C:", c.volume());
        assertEquals(VolumeRole.SYSTEM, c.role());
        assertEquals(EncryptionState.ENCRYPTED, c.state());
        assertEquals(Protection.ON, c.protection());
        assertEquals(100, c.percentEncrypted());
        assertEquals("XTS-AES 128", c.method());
        assertTrue(c.source().contains("Used Space Only Encrypted"), c.source());

        VolumeEncryption d = volumes.get(1);
        assertEquals("D:", d.volume());
        assertEquals(VolumeRole.DATA, d.role());
        assertEquals(EncryptionState.ENCRYPTING, d.state());
        assertEquals(Protection.OFF, d.protection());
        assertEquals(42, d.percentEncrypted());
    }

    @Test
    void fullyEncryptedButSuspendedReportsProtectionOff() throws ProbeException {
        VolumeEncryption c = ManageBdeStatusParser.parse(Fixtures.text("manage-bde-status-en-suspended.txt"), COMMAND)
                .get(0);
        assertEquals(EncryptionState.ENCRYPTED, c.state());
        assertEquals(Protection.OFF, c.protection());
    }

    @Test
    void germanDecryptedVolumeIsNotEncryptedWithNoMethod() throws ProbeException {
        VolumeEncryption c = ManageBdeStatusParser.parse(Fixtures.text("manage-bde-status-de-decrypted.txt"), COMMAND)
                .get(0);
        assertEquals("C:", c.volume());
        assertEquals(VolumeRole.SYSTEM, c.role());
        assertEquals(EncryptionState.NOT_ENCRYPTED, c.state());
        assertEquals(Protection.OFF, c.protection());
        assertEquals(0, c.percentEncrypted());
        assertNull(c.method(), "\"Kein\" means no method");
        assertTrue(c.source().contains("German"), c.source());
    }

    @Test
    void germanEncryptionInProgressAtHundredPercentIsStillEncrypting() throws ProbeException {
        VolumeEncryption c = ManageBdeStatusParser.parse(Fixtures.text("manage-bde-status-de-encrypting.txt"), COMMAND)
                .get(0);
        assertEquals(EncryptionState.ENCRYPTING, c.state());
        assertEquals(Protection.ON, c.protection());
        assertEquals(100, c.percentEncrypted());
        assertEquals("XTS-AES 128", c.method());
    }

    @Test
    void germanOutputInOemCodePageStillParses() throws ProbeException {
        VolumeEncryption c = ManageBdeStatusParser.parse(
                Fixtures.text("manage-bde-status-de-encrypting-cp850.txt"), COMMAND).get(0);
        assertEquals(EncryptionState.ENCRYPTING, c.state());
        assertEquals(Protection.ON, c.protection());
        assertEquals("XTS-AES 128", c.method());
    }

    @Test
    void unknownLanguageIsRefusedWithWhatToDo() {
        ProbeException e = assertThrows(ProbeException.class, () -> ManageBdeStatusParser.parse(
                Fixtures.text("manage-bde-status-fr-unsupported.txt"), COMMAND));
        assertTrue(e.getMessage().contains("only English and German"), e.getMessage());
        assertTrue(e.getMessage().contains("WMI"), e.getMessage());
    }

    @Test
    void outputWithoutVolumesIsAnError() {
        assertThrows(ProbeException.class, () -> ManageBdeStatusParser.parse(
                "BitLocker Drive Encryption: Configuration Tool version 10.0.22621\r\n"
                        + "ERROR: An attempt to access a required resource was denied.\r\n", COMMAND));
    }
}
