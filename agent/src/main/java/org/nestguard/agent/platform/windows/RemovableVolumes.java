package org.nestguard.agent.platform.windows;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one rule for which volumes the encryption probe leaves out: removable data volumes (USB sticks, SD cards),
 * since the policy is about the device's own disks. BitLocker's own classification decides where it is readable
 * (Win32_EncryptableVolume VolumeType 2, "portable data volume"); the manage-bde fallback has no such field, so there
 * Windows' drive type decides (Win32_Volume DriveType 2, "removable disk"), which any user may query. An external
 * hard disk that BitLocker calls portable but Windows calls fixed is kept in that case: it is reported, not hidden.
 */
final class RemovableVolumes {
    static final String VOLUME_NAMESPACE = "root\\CIMV2";
    static final String VOLUME_CLASS = "Win32_Volume";
    static final List<String> VOLUME_PROPERTIES = List.of("DeviceID", "DriveLetter", "DriveType");
    private static final long PORTABLE_DATA_VOLUME = 2;
    private static final long DRIVE_REMOVABLE = 2;

    /** Drive letters and volume device IDs (upper case) that Windows reports as removable. */
    private final Set<String> removable;

    private RemovableVolumes(Set<String> removable) {
        this.removable = removable;
    }

    /** From BitLocker's VolumeType (WMI path). */
    static boolean isRemovable(Long encryptableVolumeType) {
        return encryptableVolumeType != null && encryptableVolumeType == PORTABLE_DATA_VOLUME;
    }

    /** Reads Win32_Volume for the manage-bde path. */
    static RemovableVolumes query(WmiReader wmi) throws WmiQueryException {
        Set<String> removable = new TreeSet<>();
        for (Map<String, Object> row : wmi.query(VOLUME_NAMESPACE, VOLUME_CLASS, VOLUME_PROPERTIES)) {
            if (row.get("DriveType") instanceof Number n && n.longValue() == DRIVE_REMOVABLE) {
                for (String name : List.of("DriveLetter", "DeviceID")) {
                    if (row.get(name) != null) {
                        removable.add(normalise(row.get(name).toString()));
                    }
                }
            }
        }
        return new RemovableVolumes(removable);
    }

    /** Whether a volume manage-bde names ("E:" or "\\?\Volume{...}\") is removable. */
    boolean isRemovable(String volume) {
        return removable.contains(normalise(volume));
    }

    private static String normalise(String volume) {
        String v = volume.trim().toUpperCase(Locale.ROOT);
        return v.endsWith("\\") ? v.substring(0, v.length() - 1) : v;
    }
}
