package org.nestguard.agent.platform.linux;

import java.time.Clock;

import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.Platform;

/** Builds the Linux probes over one host root and command runner. */
public final class LinuxPlatform {
    private LinuxPlatform() {
    }

    public static Platform create(HostRoot root, CommandRunner runner, Clock clock) {
        return new Platform("linux",
                new LinuxEncryptionProbe(root, runner),
                new LinuxScreenLockProbe(root, runner),
                new LinuxAccountProbe(root, clock),
                new LinuxAntivirusProbe(root, runner),
                new LinuxFirewallProbe(root, runner),
                new LinuxUpdateProbe(root, runner),
                new LinuxSoftwareProbe(root),
                new LinuxLogonNoticeProbe(root),
                new LinuxGatewayProbe(root, runner));
    }
}
