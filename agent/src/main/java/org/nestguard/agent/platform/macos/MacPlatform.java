package org.nestguard.agent.platform.macos;

import java.time.Clock;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.Platform;

/** Builds the macOS probes (macOS 12 to 15, Apple silicon and Intel) over one command runner and host root. */
public final class MacPlatform {
    private MacPlatform() {
    }

    /**
     * @param clock kept for probes that need "now"; none of the macOS facts is computed relative to it yet
     */
    public static Platform create(CommandRunner runner, HostRoot root, Clock clock) {
        return new Platform("macos",
                new MacEncryptionProbe(runner),
                new MacScreenLockProbe(runner, root),
                new MacAccountProbe(runner, root),
                new MacAntivirusProbe(runner, root),
                new MacFirewallProbe(runner),
                new MacUpdateProbe(runner, root),
                new MacSoftwareProbe(runner, root),
                new MacLogonNoticeProbe(runner, root));
    }
}
