package org.nestguard.agent.platform.macos;

import java.time.Clock;
import java.time.ZoneId;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.Platform;

/** Builds the macOS probes (macOS 12 to 15, Apple silicon and Intel) over one command runner and host root. */
public final class MacPlatform {
    private MacPlatform() {
    }

    /**
     * @param clock "now" for dating {@code last}'s year-less logons; its zone is replaced by the system's, which is
     *              the Mac's own local zone that {@code last} prints in (both come from /etc/localtime)
     */
    public static Platform create(CommandRunner runner, HostRoot root, Clock clock) {
        return new Platform("macos",
                new MacEncryptionProbe(runner),
                new MacScreenLockProbe(runner, root),
                new MacAccountProbe(runner, root, clock.withZone(ZoneId.systemDefault())),
                new MacAntivirusProbe(runner, root),
                new MacFirewallProbe(runner),
                new MacUpdateProbe(runner, root),
                new MacSoftwareProbe(runner, root),
                new MacLogonNoticeProbe(runner, root),
                new MacGatewayProbe(runner));
    }
}
