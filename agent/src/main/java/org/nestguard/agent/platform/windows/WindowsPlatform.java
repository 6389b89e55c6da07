package org.nestguard.agent.platform.windows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.Platform;
import org.nestguard.agent.platform.ProcessCommandRunner;

/** Builds the Windows 10/11 {@link Platform} from its probes and the seams they read through. */
public final class WindowsPlatform {
    private WindowsPlatform() {
    }

    public static Platform create(CommandRunner runner, RegistryReader registry, WmiReader wmi, NetUserReader users,
                                  Clock clock) {
        return new Platform("windows",
                new WindowsEncryptionProbe(wmi, runner),
                new WindowsScreenLockProbe(registry, runner),
                new WindowsAccountProbe(users, registry, clock),
                new WindowsAntivirusProbe(wmi, runner, clock.getZone()),
                new WindowsFirewallProbe(registry),
                new WindowsUpdateProbe(registry, runner, clock),
                new WindowsSoftwareProbe(registry),
                new WindowsLogonNoticeProbe(registry),
                new WindowsGatewayProbe(wmi, runner));
    }

    /** The real seams: processes, Advapi32 registry, WMI through OSHI, Netapi32. */
    public static Platform live() {
        // No LC_ALL on Windows; PowerShell is told to write UTF-8 by the scripts that print free text.
        CommandRunner runner = new ProcessCommandRunner(Map.of(), StandardCharsets.UTF_8);
        return create(runner, new Advapi32RegistryReader(), new OshiWmiReader(), new Netapi32NetUserReader(),
                Clock.systemDefaultZone());
    }
}
