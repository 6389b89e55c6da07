package org.nestguard.agent.platform.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nestguard.protocol.files.Volume;

/**
 * Removable volumes from WMI {@code Win32_Volume} rows (DriveType 2, "removable disk": USB sticks and SD cards) that
 * have a drive letter. The identity is the volume serial number as Windows shows it ({@code 3A5F-9C21}), which is the
 * FAT/exFAT/NTFS volume ID Linux reports as its UUID for the same stick.
 */
public final class RemovableVolumeRows {
    public static final String NAMESPACE = "root\\CIMV2";
    public static final String WMI_CLASS = "Win32_Volume";
    public static final List<String> PROPERTIES = List.of("DeviceID", "DriveLetter", "Label", "FileSystem",
            "SerialNumber", "Capacity", "DriveType");
    private static final long DRIVE_REMOVABLE = 2;

    private RemovableVolumeRows() {
    }

    public static List<Volume> fromRows(List<Map<String, Object>> rows) {
        List<Volume> volumes = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            if (!(row.get("DriveType") instanceof Number type) || type.longValue() != DRIVE_REMOVABLE
                    || row.get("DriveLetter") == null) {
                continue; // not removable, or a card reader with no card in it
            }
            String letter = row.get("DriveLetter").toString();
            String deviceId = row.get("DeviceID") == null ? null : row.get("DeviceID").toString();
            String id = row.get("SerialNumber") instanceof Number serial ? serial(serial.longValue())
                    : deviceId != null ? deviceId : letter;
            volumes.add(new Volume(id, text(row.get("Label")), text(row.get("FileSystem")), letter, letter + "\\",
                    null, null, row.get("Capacity") instanceof Number c ? c.longValue() : 0));
        }
        return volumes;
    }

    static String serial(long value) {
        String hex = String.format(Locale.ROOT, "%08X", value & 0xFFFFFFFFL);
        return hex.substring(0, 4) + "-" + hex.substring(4);
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
