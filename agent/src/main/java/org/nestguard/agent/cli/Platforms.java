package org.nestguard.agent.cli;

import java.time.Clock;
import java.util.Locale;
import org.nestguard.agent.history.LinuxProfileDiscovery;
import org.nestguard.agent.history.MacProfileDiscovery;
import org.nestguard.agent.history.ProfileDiscovery;
import org.nestguard.agent.history.WindowsProfileDiscovery;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.Platform;
import org.nestguard.agent.platform.linux.LinuxPlatform;
import org.nestguard.agent.platform.macos.MacPlatform;
import org.nestguard.agent.platform.windows.Advapi32RegistryReader;
import org.nestguard.agent.platform.windows.OshiWmiReader;
import org.nestguard.agent.platform.windows.WindowsPlatform;

/** Picks the probes for the operating system the agent runs on. */
final class Platforms {
    private Platforms() {
    }

    /** The browser profiles of every local account, found the way this OS lays them out. */
    static ProfileDiscovery browserProfiles(HostRoot root) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return WindowsProfileDiscovery.live(new Advapi32RegistryReader());
        }
        if (os.startsWith("mac")) {
            return new MacProfileDiscovery(root);
        }
        if (os.startsWith("linux")) {
            return new LinuxProfileDiscovery(root);
        }
        throw new IllegalStateException("Nestguard cannot find browser history on " + System.getProperty("os.name")
                + "; it runs on Windows, macOS and Linux");
    }

    /** The home folders of every local account, found the way this OS lists its accounts. */
    static org.nestguard.agent.service.FileScanCycle.Homes accountHomes(HostRoot root) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return WindowsProfileDiscovery.live(new Advapi32RegistryReader())::accountHomes;
        }
        if (os.startsWith("mac")) {
            return new MacProfileDiscovery(root)::accountHomes;
        }
        if (os.startsWith("linux")) {
            return new LinuxProfileDiscovery(root)::accountHomes;
        }
        throw new IllegalStateException("Nestguard cannot list accounts on " + System.getProperty("os.name")
                + "; it runs on Windows, macOS and Linux");
    }

    /** The removable media watch with this OS's volume listing and antivirus scanner. */
    static org.nestguard.agent.files.RemovableMediaWatch removableMedia(CommandRunner runner,
            org.nestguard.agent.outbox.Outbox outbox, Clock clock) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        org.nestguard.agent.files.RemovableVolumes volumes;
        org.nestguard.agent.files.VolumeScanner scanner;
        if (os.startsWith("windows")) {
            volumes = org.nestguard.agent.files.RemovableVolumes.windows(new OshiWmiReader());
            String programFiles = System.getenv().getOrDefault("ProgramFiles", "C:\\Program Files");
            scanner = org.nestguard.agent.files.VolumeScanner.defender(runner,
                    java.nio.file.Path.of(programFiles, "Windows Defender", "MpCmdRun.exe"), clock);
        } else if (os.startsWith("mac")) {
            volumes = org.nestguard.agent.files.RemovableVolumes.macos(runner, java.nio.file.Path.of("/Volumes"));
            scanner = org.nestguard.agent.files.VolumeScanner.none("macOS has no command-line antivirus scanner for a "
                    + "volume (XProtect checks files as they are opened); the volume was not scanned", clock);
        } else {
            volumes = org.nestguard.agent.files.RemovableVolumes.linux(runner);
            scanner = org.nestguard.agent.files.VolumeScanner.clamscan(runner,
                    java.nio.file.Path.of("/usr/bin/clamscan"), clock);
        }
        return new org.nestguard.agent.files.RemovableMediaWatch(volumes, scanner, outbox, clock,
                java.time.Duration.ofSeconds(1));
    }

    static Platform forThisMachine(HostRoot root, CommandRunner runner, Clock clock) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return WindowsPlatform.live();
        }
        if (os.startsWith("mac")) {
            return MacPlatform.create(runner, root, clock);
        }
        if (os.startsWith("linux")) {
            return LinuxPlatform.create(root, runner, clock);
        }
        throw new IllegalStateException("Nestguard has no probes for " + System.getProperty("os.name")
                + "; it runs on Windows, macOS and Linux");
    }
}
