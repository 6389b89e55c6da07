package org.nestguard.agent.cli;

import org.nestguard.agent.outbox.Outbox;
import org.nestguard.agent.files.VolumeScanner;
import org.nestguard.agent.files.RemovableVolumes;
import org.nestguard.agent.files.RemovableMediaWatch;
import java.time.Duration;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import org.nestguard.agent.files.AccountHomes;
import org.nestguard.agent.history.LinuxProfileDiscovery;
import org.nestguard.agent.history.MacProfileDiscovery;
import org.nestguard.agent.history.ProfileDiscovery;
import org.nestguard.agent.history.WindowsProfileDiscovery;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.LogonLock;
import org.nestguard.agent.platform.linux.LinuxLogonLock;
import org.nestguard.agent.platform.macos.MacLogonLock;
import org.nestguard.agent.platform.windows.JnaUserLogon;
import org.nestguard.agent.platform.windows.WindowsLogonLock;
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

    /** The device hold's logon lock for this OS. */
    static LogonLock logonLock(HostRoot root, CommandRunner runner) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return new WindowsLogonLock(new JnaUserLogon());
        }
        if (os.startsWith("mac")) {
            return new MacLogonLock(runner);
        }
        if (os.startsWith("linux")) {
            return new LinuxLogonLock(root, runner);
        }
        throw new IllegalStateException("Nestguard cannot lock logon on " + System.getProperty("os.name")
                + "; it runs on Windows, macOS and Linux");
    }

    /** The home folders of every local account, found the way this OS lists its accounts. */
    static AccountHomes accountHomes(HostRoot root) {
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
    static RemovableMediaWatch removableMedia(CommandRunner runner,
            Outbox outbox, Clock clock) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        RemovableVolumes volumes;
        VolumeScanner scanner;
        if (os.startsWith("windows")) {
            volumes = RemovableVolumes.windows(new OshiWmiReader());
            String programFiles = System.getenv().getOrDefault("ProgramFiles", "C:\\Program Files");
            scanner = VolumeScanner.defender(runner,
                    Path.of(programFiles, "Windows Defender", "MpCmdRun.exe"), clock);
        } else if (os.startsWith("mac")) {
            volumes = RemovableVolumes.macos(runner, Path.of("/Volumes"));
            scanner = VolumeScanner.none("macOS has no command-line antivirus scanner for a "
                    + "volume (XProtect checks files as they are opened); the volume was not scanned", clock);
        } else {
            volumes = RemovableVolumes.linux(runner);
            scanner = VolumeScanner.clamscan(runner,
                    Path.of("/usr/bin/clamscan"), clock);
        }
        return new RemovableMediaWatch(volumes, scanner, outbox, clock,
                Duration.ofSeconds(1));
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
