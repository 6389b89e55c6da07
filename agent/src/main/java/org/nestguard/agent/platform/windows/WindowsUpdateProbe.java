package org.nestguard.agent.platform.windows;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.OsRelease;
import org.nestguard.agent.platform.PendingUpdate;
import org.nestguard.agent.platform.PendingUpdates;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.UpdateProbe;
import org.nestguard.agent.platform.windows.RegistryReader.Hive;

/** The Windows release from the registry, and pending updates from the Windows Update Agent COM API. */
public final class WindowsUpdateProbe implements UpdateProbe {
    private final java.time.Clock clock;
    static final String CURRENT_VERSION = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";
    static final int FIRST_WINDOWS_11_BUILD = 22000;
    /** Prints one tab-separated line per update not installed and not hidden; see {@link WindowsUpdateListParser}. */
    static final String SEARCH_SCRIPT = "$ErrorActionPreference = 'Stop'; "
            + "[Console]::OutputEncoding = [System.Text.Encoding]::UTF8; "
            + "$result = (New-Object -ComObject Microsoft.Update.Session).CreateUpdateSearcher()"
            + ".Search('IsInstalled=0 and IsHidden=0'); "
            + "foreach ($u in $result.Updates) { "
            + "$kb = ($u.KBArticleIDs | ForEach-Object { 'KB' + $_ }) -join ','; "
            + "$cat = ($u.Categories | ForEach-Object { $_.CategoryID }) -join ';'; "
            + "$when = $u.LastDeploymentChangeTime.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ'); "
            + "$title = $u.Title -replace '[\\t\\r\\n]', ' '; "
            + "Write-Output ($kb + \"`t\" + $u.MsrcSeverity + \"`t\" + $cat + \"`t\" + $when + \"`t\" + $title) }";
    // An online search contacts Windows Update or WSUS and can take minutes.
    private static final Duration SEARCH_TIMEOUT = Duration.ofMinutes(10);

    private final RegistryReader registry;
    private final CommandRunner runner;

    public WindowsUpdateProbe(RegistryReader registry, CommandRunner runner, java.time.Clock clock) {
        this.clock = clock;
        this.registry = registry;
        this.runner = runner;
    }

    @Override
    public OsRelease release() throws ProbeException {
        Optional<String> product = registry.string(Hive.HKEY_LOCAL_MACHINE, CURRENT_VERSION, "ProductName");
        Optional<String> build = registry.string(Hive.HKEY_LOCAL_MACHINE, CURRENT_VERSION, "CurrentBuildNumber");
        if (product.isEmpty() || build.isEmpty()) {
            throw new ProbeException(Hive.HKEY_LOCAL_MACHINE.path(CURRENT_VERSION)
                    + " has no ProductName or CurrentBuildNumber; cannot tell which Windows this is");
        }
        // DisplayVersion (20H2 and later) replaced ReleaseId (up to 2004).
        Optional<String> version = registry.string(Hive.HKEY_LOCAL_MACHINE, CURRENT_VERSION, "DisplayVersion")
                .or(() -> readQuietly("ReleaseId"));
        Optional<Long> ubr = registry.number(Hive.HKEY_LOCAL_MACHINE, CURRENT_VERSION, "UBR");
        Optional<String> edition = registry.string(Hive.HKEY_LOCAL_MACHINE, CURRENT_VERSION, "EditionID");

        String name = product.get().trim();
        String buildNumber = build.get().trim();
        // ProductName still says "Windows 10" on Windows 11; the build number tells them apart.
        if (buildNumber.matches("\\d+") && Integer.parseInt(buildNumber) >= FIRST_WINDOWS_11_BUILD
                && name.startsWith("Windows 10")) {
            name = "Windows 11" + name.substring("Windows 10".length());
        }
        String source = Hive.HKEY_LOCAL_MACHINE.path(CURRENT_VERSION) + " (ProductName=" + product.get()
                + ", DisplayVersion=" + version.orElse("(not set)") + ", CurrentBuildNumber=" + buildNumber
                + ", UBR=" + ubr.map(String::valueOf).orElse("(not set)") + ", EditionID="
                + edition.orElse("(not set)") + ")";
        return new OsRelease("windows", name, version.orElse(null),
                ubr.map(u -> buildNumber + "." + u).orElse(buildNumber), source);
    }

    private Optional<String> readQuietly(String value) {
        try {
            return registry.string(Hive.HKEY_LOCAL_MACHINE, CURRENT_VERSION, value);
        } catch (ProbeException e) {
            return Optional.empty();
        }
    }

    @Override
    public PendingUpdates pending() throws ProbeException {
        CommandResult result = runner.run(List.of("powershell.exe", "-NoProfile", "-NonInteractive",
                "-ExecutionPolicy", "Bypass", "-Command", SEARCH_SCRIPT), SEARCH_TIMEOUT);
        if (!result.succeeded()) {
            throw new ProbeException("the Windows Update search failed (exit " + result.exitCode() + "): "
                    + result.stderr().strip() + ". Check that the Windows Update service (wuauserv) is not disabled.");
        }
        // The search asks the update server (Windows Update or the school's WSUS) there and then.
        return new PendingUpdates(WindowsUpdateListParser.parse(result.stdout(),
                "Windows Update Agent: Microsoft.Update.Session Search('IsInstalled=0 and IsHidden=0')"),
                clock.instant(), "online Windows Update search just made");
    }
}
