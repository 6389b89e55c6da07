package org.nestguard.agent.platform;

/**
 * One fixed volume's encryption as the OS reports it.
 *
 * @param volume           mount point or drive letter, for example {@code /}, {@code C:}, {@code /System/Volumes/Data}
 * @param device           the block device or volume identifier it lives on
 * @param role             whether it holds the operating system or data
 * @param state            what the encryption layer says about the volume's contents
 * @param protection       whether the key protectors are active (BitLocker can be fully encrypted yet suspended)
 * @param percentEncrypted 0-100 where the OS reports progress, otherwise null
 * @param method           cipher or scheme where known (XTS-AES 128, LUKS2 aes-xts-plain64, APFS), otherwise null
 * @param source           where this was read from, for the evidence
 */
public record VolumeEncryption(
        String volume,
        String device,
        VolumeRole role,
        EncryptionState state,
        Protection protection,
        Integer percentEncrypted,
        String method,
        String source) {

    /** What a volume holds. */
    public enum VolumeRole { SYSTEM, DATA }

    /** The encryption layer's view of the volume's contents. */
    public enum EncryptionState { ENCRYPTED, ENCRYPTING, DECRYPTING, NOT_ENCRYPTED, UNKNOWN }

    /** Whether the protection is in force. */
    public enum Protection { ON, OFF, UNKNOWN }
}
