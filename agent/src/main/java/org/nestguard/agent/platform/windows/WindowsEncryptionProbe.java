package org.nestguard.agent.platform.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.EncryptionProbe;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.VolumeEncryption;
import org.nestguard.agent.platform.VolumeEncryption.EncryptionState;
import org.nestguard.agent.platform.VolumeEncryption.Protection;
import org.nestguard.agent.platform.VolumeEncryption.VolumeRole;

/**
 * BitLocker state of every fixed volume. WMI {@code Win32_EncryptableVolume} comes first because its numbers do
 * not depend on the display language; {@code manage-bde -status} is the fallback when WMI refuses.
 * Removable volumes are left out by the one rule in {@link RemovableVolumes}, on both paths.
 */
public final class WindowsEncryptionProbe implements EncryptionProbe {
    static final String NAMESPACE = "root\\CIMV2\\Security\\MicrosoftVolumeEncryption";
    static final String CLASS = "Win32_EncryptableVolume";
    // EncryptionPercentage is only returned by the GetConversionStatus method, so it is not selected here.
    static final List<String> PROPERTIES = List.of("DeviceID", "DriveLetter", "VolumeType", "ProtectionStatus",
            "ConversionStatus", "EncryptionMethod");
    private static final List<String> METHODS = List.of("None", "AES 128 with Diffuser", "AES 256 with Diffuser",
            "AES 128", "AES 256", "Hardware Encryption", "XTS-AES 128", "XTS-AES 256");

    private final WmiReader wmi;
    private final CommandRunner runner;

    public WindowsEncryptionProbe(WmiReader wmi, CommandRunner runner) {
        this.wmi = wmi;
        this.runner = runner;
    }

    @Override
    public List<VolumeEncryption> volumes() throws ProbeException {
        List<Map<String, Object>> rows;
        try {
            rows = wmi.query(NAMESPACE, CLASS, PROPERTIES);
        } catch (WmiQueryException e) {
            return fromManageBde(e);
        }
        List<VolumeEncryption> volumes = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Long type = number(row, "VolumeType");
            if (RemovableVolumes.isRemovable(type)) {
                continue;
            }
            volumes.add(toVolume(row, type));
        }
        return volumes;
    }

    private List<VolumeEncryption> fromManageBde(WmiQueryException wmiFailure) throws ProbeException {
        CommandResult result;
        try {
            result = runner.run("manage-bde", "-status");
        } catch (ProbeException e) {
            throw new ProbeException("BitLocker state not readable: " + wmiFailure.getMessage()
                    + "; fallback manage-bde could not run: " + e.getMessage(), e);
        }
        if (!result.succeeded()) {
            throw new ProbeException("BitLocker state not readable: " + wmiFailure.getMessage() + "; fallback '"
                    + result.commandLine() + "' exited with " + result.exitCode() + ": "
                    + (result.stderr().isBlank() ? result.stdout().strip() : result.stderr().strip())
                    + ". Run the agent as LocalSystem (both need administrator rights).");
        }
        List<VolumeEncryption> volumes = ManageBdeStatusParser.parse(result.stdout(), result.commandLine());
        RemovableVolumes removable = null;
        String removableNote = "";
        try {
            removable = RemovableVolumes.query(wmi);
        } catch (WmiQueryException e) {
            // Kept rather than dropped: an unencrypted volume shown by mistake is visible, one hidden is not.
            removableNote = "; could not tell whether it is removable (" + e.getMessage() + "), so it is kept";
        }
        List<VolumeEncryption> withReason = new ArrayList<>();
        for (VolumeEncryption v : volumes) {
            if (removable != null && removable.isRemovable(v.volume())) {
                continue;
            }
            withReason.add(new VolumeEncryption(v.volume(), v.device(), v.role(), v.state(), v.protection(),
                    v.percentEncrypted(), v.method(),
                    v.source() + " [WMI not used: " + wmiFailure.failure() + removableNote + "]"));
        }
        return withReason;
    }

    private static VolumeEncryption toVolume(Map<String, Object> row, Long type) {
        Object letter = row.get("DriveLetter");
        String device = String.valueOf(row.getOrDefault("DeviceID", "?"));
        String volume = letter == null ? device : letter.toString();
        Long conversion = number(row, "ConversionStatus");
        Long protectionStatus = number(row, "ProtectionStatus");
        Long method = number(row, "EncryptionMethod");

        EncryptionState state = stateOf(conversion);
        Protection protection = protectionOf(protectionStatus);
        String note = "";
        // osquery found the cached ProtectionStatus property stale (1 on a fully decrypted drive on Win11 26100);
        // a decrypted volume protects nothing, so the contradiction is reported as OFF, never as ON.
        if (state == EncryptionState.NOT_ENCRYPTED && protection == Protection.ON) {
            protection = Protection.OFF;
            note = "; ProtectionStatus=1 contradicts ConversionStatus=0, reported as off";
        }
        Integer percent = state == EncryptionState.ENCRYPTED ? Integer.valueOf(100)
                : state == EncryptionState.NOT_ENCRYPTED ? Integer.valueOf(0) : null;
        String methodName = method == null || method == 0 || method >= METHODS.size() ? null
                : METHODS.get(method.intValue());
        String source = "WMI " + NAMESPACE + " " + CLASS + " (DriveLetter=" + letter + ", VolumeType=" + type
                + ", ConversionStatus=" + conversion + ", ProtectionStatus=" + protectionStatus
                + ", EncryptionMethod=" + method + note + ")";
        return new VolumeEncryption(volume, device, type != null && type == 0 ? VolumeRole.SYSTEM : VolumeRole.DATA,
                state, protection, percent, methodName, source);
    }

    private static EncryptionState stateOf(Long conversion) {
        if (conversion == null) {
            return EncryptionState.UNKNOWN;
        }
        return switch (conversion.intValue()) {
            case 0 -> EncryptionState.NOT_ENCRYPTED;
            case 1 -> EncryptionState.ENCRYPTED;
            case 2, 4 -> EncryptionState.ENCRYPTING; // 4 = encryption paused: partly encrypted
            case 3, 5 -> EncryptionState.DECRYPTING; // 5 = decryption paused
            default -> EncryptionState.UNKNOWN;
        };
    }

    private static Protection protectionOf(Long status) {
        if (status == null) {
            return Protection.UNKNOWN;
        }
        return switch (status.intValue()) {
            case 0 -> Protection.OFF;
            case 1 -> Protection.ON;
            default -> Protection.UNKNOWN; // 2 = unknown, the volume is locked
        };
    }

    private static Long number(Map<String, Object> row, String property) {
        Object value = row.get(property);
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s && s.trim().matches("-?\\d+")) {
            return Long.parseLong(s.trim());
        }
        return null;
    }
}
