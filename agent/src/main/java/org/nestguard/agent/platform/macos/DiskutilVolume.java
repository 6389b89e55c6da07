package org.nestguard.agent.platform.macos;

import java.util.Map;
import java.util.Optional;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.protocol.files.Volume;

/**
 * A removable volume from {@code diskutil info -plist /Volumes/NAME}: one that is not internal, or is removable or
 * ejectable media (USB sticks, SD cards, cameras). Identity is the volume UUID (FAT volumes get one derived by
 * macOS), else the partition's DiskUUID.
 */
public final class DiskutilVolume {
    private DiskutilVolume() {
    }

    /** The volume, or empty when {@code plistXml} describes an internal disk. */
    public static Optional<Volume> fromInfo(String plistXml, String what) throws ProbeException {
        Map<String, Object> info = Plist.parseDict(plistXml, what);
        boolean internal = Boolean.TRUE.equals(Plist.flag(info, "Internal"));
        boolean removable = Boolean.TRUE.equals(Plist.flag(info, "RemovableMedia"))
                || Boolean.TRUE.equals(Plist.flag(info, "Removable"))
                || Boolean.TRUE.equals(Plist.flag(info, "RemovableMediaOrExternalDevice"))
                || Boolean.TRUE.equals(Plist.flag(info, "Ejectable"));
        String mountPoint = Plist.string(info, "MountPoint");
        if ((internal && !removable) || mountPoint == null || mountPoint.isEmpty()) {
            return Optional.empty();
        }
        String id = Plist.string(info, "VolumeUUID") != null ? Plist.string(info, "VolumeUUID")
                : Plist.string(info, "DiskUUID") != null ? Plist.string(info, "DiskUUID")
                : "device:" + Plist.string(info, "DeviceNode");
        String fileSystem = Plist.string(info, "FilesystemType");
        Double size = Plist.number(info, "TotalSize") != null ? Plist.number(info, "TotalSize")
                : Plist.number(info, "Size");
        return Optional.of(new Volume(id, Plist.string(info, "VolumeName"), fileSystem,
                Plist.string(info, "DeviceNode"), mountPoint, Plist.string(info, "MediaName"), null,
                size == null ? 0 : size.longValue()));
    }
}
