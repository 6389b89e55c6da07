package org.nestguard.agent.platform.macos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.EncryptionProbe;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.VolumeEncryption;
import org.nestguard.agent.platform.VolumeEncryption.EncryptionState;
import org.nestguard.agent.platform.VolumeEncryption.Protection;
import org.nestguard.agent.platform.VolumeEncryption.VolumeRole;

/**
 * FileVault on the boot APFS volume group. Reports the Data volume ({@code /System/Volumes/Data}, where user files
 * live) from {@code fdesetup status} plus the per-volume flags of {@code diskutil apfs list -plist}, and the sealed
 * System volume ({@code /}) from its own flags.
 *
 * <p>Data volume: FileVault=true is ENCRYPTED/ON; Encryption=true with FileVault=false (Apple silicon and T2 Macs
 * encrypt in hardware always) is ENCRYPTED/OFF, because the key is not protected by any password; both false is
 * NOT_ENCRYPTED/OFF. fdesetup's progress lines win (ENCRYPTING/DECRYPTING with the percentage); if fdesetup and
 * diskutil disagree the state is UNKNOWN. System volume: a signed, read-only snapshot of Apple's OS files, holding no
 * user data; its state and protection are its own Encryption and FileVault flags as diskutil prints them, and its
 * method says it is sealed, so a check about user data should look at the DATA role.
 */
public final class MacEncryptionProbe implements EncryptionProbe {
    static final String DATA_MOUNT = "/System/Volumes/Data";

    private final CommandRunner runner;

    public MacEncryptionProbe(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public List<VolumeEncryption> volumes() throws ProbeException {
        List<String> problems = new ArrayList<>();
        FdesetupStatus fdesetup = null;
        try {
            // Exit 1 means "Off" and 2 "busy" (fdesetup(8)), so the text matters, not the exit code.
            CommandResult result = runner.run("fdesetup", "status");
            fdesetup = FdesetupStatus.parse(result.stdout() + "\n" + result.stderr());
            if (fdesetup.fileVault() == FdesetupStatus.State.UNKNOWN) {
                problems.add("fdesetup status printed nothing recognisable: '" + fdesetup.text() + "'");
            }
        } catch (ProbeException e) {
            problems.add(e.getMessage());
        }

        List<ApfsVolume> apfs = null;
        try {
            CommandResult list = runner.run("diskutil", "apfs", "list", "-plist");
            if (list.succeeded()) {
                apfs = ApfsVolume.parseList(list.stdout());
            } else {
                problems.add("'diskutil apfs list -plist' failed (exit " + list.exitCode() + "): "
                        + list.stderr().strip());
            }
        } catch (ProbeException e) {
            problems.add(e.getMessage());
        }

        boolean fdesetupKnown = fdesetup != null && fdesetup.fileVault() != FdesetupStatus.State.UNKNOWN;
        if (!fdesetupKnown && apfs == null) {
            throw new ProbeException("could not read FileVault: " + String.join("; ", problems)
                    + ". Run the agent as root on macOS 10.13 or later.");
        }
        if (apfs == null) {
            return List.of(dataVolume(null, fdesetup, null));
        }

        String bootContainer = bootContainer();
        List<ApfsVolume> candidates = apfs.stream()
                .filter(v -> bootContainer == null || bootContainer.equals(v.container()))
                .filter(v -> v.hasRole("System") || v.hasRole("Data"))
                .toList();
        Set<String> containers = new TreeSet<>();
        candidates.forEach(v -> containers.add(String.valueOf(v.container())));
        // Mount points are only certain for the booted group; elsewhere name the volume by its device.
        boolean oneGroup = containers.size() == 1;

        List<VolumeEncryption> result = new ArrayList<>();
        for (ApfsVolume volume : candidates) {
            if (volume.hasRole("Data")) {
                result.add(dataVolume(volume, fdesetupKnown ? fdesetup : null, oneGroup ? DATA_MOUNT : volume.device()));
            } else {
                result.add(systemVolume(volume, oneGroup ? "/" : volume.device()));
            }
        }
        if (result.stream().noneMatch(v -> v.role() == VolumeRole.DATA)) {
            // Pre-Catalina layout or an unexpected plist: fdesetup still describes the boot volume.
            result.add(dataVolume(null, fdesetupKnown ? fdesetup : null, null));
        }
        return result;
    }

    /** The booted APFS container from {@code diskutil info -plist /}, or null when it cannot be read. */
    private String bootContainer() {
        try {
            CommandResult info = runner.run("diskutil", "info", "-plist", "/");
            if (!info.succeeded()) {
                return null;
            }
            Map<String, Object> dict = Plist.parseDict(info.stdout(), "diskutil info -plist /");
            return Plist.string(dict, "APFSContainerReference");
        } catch (ProbeException e) {
            return null;
        }
    }

    private static VolumeEncryption dataVolume(ApfsVolume volume, FdesetupStatus fdesetup, String mount) {
        StringBuilder source = new StringBuilder();
        if (fdesetup != null) {
            source.append("fdesetup status: '").append(fdesetup.text().replace('\n', ' ')).append("'");
        }
        if (volume != null) {
            if (!source.isEmpty()) {
                source.append("; ");
            }
            source.append("diskutil apfs list -plist: ").append(volume.device()).append(" (").append(volume.name())
                    .append(", role Data) FileVault=").append(volume.fileVault())
                    .append(" Encryption=").append(volume.encryption());
        }
        String volumeName = mount != null ? mount : DATA_MOUNT;
        String device = volume == null ? null : volume.device();
        Boolean fileVaultFlag = volume == null ? null : volume.fileVault();
        Boolean encryptionFlag = volume == null ? null : volume.encryption();
        FdesetupStatus.State fv = fdesetup == null ? FdesetupStatus.State.UNKNOWN : fdesetup.fileVault();
        FdesetupStatus.Progress progress = fdesetup == null ? FdesetupStatus.Progress.NONE : fdesetup.progress();
        Integer percent = fdesetup == null || fdesetup.percentCompleted() == null
                ? null : (int) Math.floor(fdesetup.percentCompleted());

        if (progress == FdesetupStatus.Progress.ENCRYPTING) {
            return new VolumeEncryption(volumeName, device, VolumeRole.DATA, EncryptionState.ENCRYPTING,
                    Protection.ON, percent, "APFS FileVault", source.toString());
        }
        if (progress == FdesetupStatus.Progress.DECRYPTING) {
            return new VolumeEncryption(volumeName, device, VolumeRole.DATA, EncryptionState.DECRYPTING,
                    Protection.OFF, percent, "APFS FileVault", source.toString());
        }
        if (progress == FdesetupStatus.Progress.RESTART_PENDING && fv == FdesetupStatus.State.ON) {
            // Turned on but waiting for a restart to finish: not yet in force.
            return new VolumeEncryption(volumeName, device, VolumeRole.DATA, EncryptionState.ENCRYPTING,
                    Protection.UNKNOWN, null, "APFS FileVault", source + " (restart pending)");
        }
        boolean conflict = fileVaultFlag != null && fv != FdesetupStatus.State.UNKNOWN
                && fileVaultFlag != (fv == FdesetupStatus.State.ON);
        if (conflict) {
            return new VolumeEncryption(volumeName, device, VolumeRole.DATA, EncryptionState.UNKNOWN,
                    Protection.UNKNOWN, null, null, source + " (fdesetup and diskutil disagree)");
        }
        boolean fileVaultOn = Boolean.TRUE.equals(fileVaultFlag) || fv == FdesetupStatus.State.ON;
        boolean fileVaultOff = Boolean.FALSE.equals(fileVaultFlag) || fv == FdesetupStatus.State.OFF;
        if (fileVaultOn) {
            return new VolumeEncryption(volumeName, device, VolumeRole.DATA, EncryptionState.ENCRYPTED,
                    Protection.ON, null, "APFS FileVault", source.toString());
        }
        if (fileVaultOff) {
            if (Boolean.TRUE.equals(encryptionFlag)) {
                return new VolumeEncryption(volumeName, device, VolumeRole.DATA, EncryptionState.ENCRYPTED,
                        Protection.OFF, null, "APFS hardware encryption without FileVault", source.toString());
            }
            // Without diskutil's Encryption flag we cannot tell hardware encryption from none.
            EncryptionState state = Boolean.FALSE.equals(encryptionFlag)
                    ? EncryptionState.NOT_ENCRYPTED : EncryptionState.UNKNOWN;
            return new VolumeEncryption(volumeName, device, VolumeRole.DATA, state, Protection.OFF, null, null,
                    source.toString());
        }
        return new VolumeEncryption(volumeName, device, VolumeRole.DATA, EncryptionState.UNKNOWN,
                Protection.UNKNOWN, null, null, source.toString());
    }

    private static VolumeEncryption systemVolume(ApfsVolume volume, String mount) {
        EncryptionState state = volume.encryption() == null ? EncryptionState.UNKNOWN
                : volume.encryption() ? EncryptionState.ENCRYPTED : EncryptionState.NOT_ENCRYPTED;
        Protection protection = volume.fileVault() == null ? Protection.UNKNOWN
                : volume.fileVault() ? Protection.ON : Protection.OFF;
        String source = "diskutil apfs list -plist: " + volume.device() + " (" + volume.name()
                + ", role System) FileVault=" + volume.fileVault() + " Encryption=" + volume.encryption();
        return new VolumeEncryption(mount, volume.device(), VolumeRole.SYSTEM, state, protection, null,
                "APFS signed system volume (sealed, read-only; holds no user data)", source);
    }
}
