package org.nestguard.agent.platform;

import java.util.List;

/** Reads the encryption state of every fixed volume (BitLocker, FileVault/APFS, LUKS/dm-crypt). */
public interface EncryptionProbe {
    List<VolumeEncryption> volumes() throws ProbeException;
}
