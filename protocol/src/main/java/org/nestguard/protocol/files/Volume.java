package org.nestguard.protocol.files;

import java.util.Objects;

/**
 * A removable volume as the device saw it when it was mounted.
 *
 * @param id         a stable identity: the file system UUID (Linux, macOS) or volume serial (Windows)
 * @param label      its label, or null
 * @param device     the block device or drive (/dev/sdb1, E:)
 * @param vendorModel the hardware's vendor and model where the OS tells them, else null
 * @param serial     the hardware serial where the OS tells it, else null
 */
public record Volume(String id, String label, String fileSystem, String device, String mountPoint,
                     String vendorModel, String serial, long sizeBytes) {
    public Volume {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mountPoint, "mountPoint");
    }
}
