package org.nestguard.agent.cli;

import java.time.Clock;
import java.util.Locale;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.Platform;
import org.nestguard.agent.platform.linux.LinuxPlatform;
import org.nestguard.agent.platform.macos.MacPlatform;
import org.nestguard.agent.platform.windows.WindowsPlatform;

/** Picks the probes for the operating system the agent runs on. */
final class Platforms {
    private Platforms() {
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
