package org.nestguard.agent.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.linux.LsblkVolumes;
import org.nestguard.agent.platform.macos.DiskutilVolume;
import org.nestguard.agent.platform.windows.RemovableVolumeRows;
import org.nestguard.agent.platform.windows.WmiQueryException;
import org.nestguard.agent.platform.windows.WmiReader;
import org.nestguard.protocol.files.Volume;

/** The removable volumes mounted now, as each OS tells them. */
@FunctionalInterface
public interface RemovableVolumes {
    List<Volume> mounted() throws IOException;

    /** Linux: {@code lsblk} (RM or HOTPLUG set on the partition or its disk). */
    static RemovableVolumes linux(CommandRunner runner) {
        return () -> {
            try {
                CommandResult result = runner.run(LsblkVolumes.COMMAND, CommandRunner.DEFAULT_TIMEOUT);
                if (!result.succeeded()) {
                    throw new IOException(result.commandLine() + " failed (status " + result.exitCode() + "): "
                            + result.stderr().strip());
                }
                return LsblkVolumes.parse(result.stdout());
            } catch (ProbeException | IllegalArgumentException e) {
                throw new IOException("cannot list removable volumes: " + e.getMessage(), e);
            }
        };
    }

    /** Windows: WMI {@code Win32_Volume} with DriveType 2. */
    static RemovableVolumes windows(WmiReader wmi) {
        return () -> {
            try {
                return RemovableVolumeRows.fromRows(wmi.query(RemovableVolumeRows.NAMESPACE,
                        RemovableVolumeRows.WMI_CLASS, RemovableVolumeRows.PROPERTIES));
            } catch (WmiQueryException e) {
                throw new IOException("cannot list removable volumes through WMI: " + e.getMessage(), e);
            }
        };
    }

    /** macOS: {@code diskutil info -plist} of each mount under {@code /Volumes}. */
    static RemovableVolumes macos(CommandRunner runner, Path volumesFolder) {
        return () -> {
            List<Volume> volumes = new ArrayList<>();
            if (!Files.isDirectory(volumesFolder)) {
                return volumes;
            }
            try (DirectoryStream<Path> mounts = Files.newDirectoryStream(volumesFolder)) {
                for (Path mount : mounts) {
                    try {
                        CommandResult info = runner.run("diskutil", "info", "-plist", mount.toString());
                        if (info.succeeded()) {
                            DiskutilVolume.fromInfo(info.stdout(), "diskutil info " + mount).ifPresent(volumes::add);
                        }
                    } catch (ProbeException e) {
                        throw new IOException("cannot ask diskutil about " + mount + ": " + e.getMessage(), e);
                    }
                }
            }
            return volumes;
        };
    }
}
