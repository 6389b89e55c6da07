package org.nestguard.agent.platform.macos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.OsRelease;
import org.nestguard.agent.platform.PendingUpdate;
import org.nestguard.agent.platform.PendingUpdates;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.UpdateProbe;

/**
 * macOS release from {@code sw_vers} and pending updates from {@code softwareupdate --list --no-scan} (the cached
 * result of the last background scan; {@code --list} alone rescans and can take minutes). macOS does not say when an
 * update was published, so {@code availableSince} is always null.
 */
public final class MacUpdateProbe implements UpdateProbe {
    private static final Map<String, String> NAMES = Map.of(
            "11", "Big Sur", "12", "Monterey", "13", "Ventura", "14", "Sonoma", "15", "Sequoia", "26", "Tahoe");

    private final CommandRunner runner;

    public MacUpdateProbe(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public OsRelease release() throws ProbeException {
        CommandResult result = runner.run("sw_vers");
        if (!result.succeeded()) {
            throw new ProbeException("'sw_vers' failed with exit " + result.exitCode() + ": " + result.stderr().strip());
        }
        return parseSwVers(result.stdout());
    }

    /** Parses "ProductName:\tmacOS" / "ProductVersion:\t15.1" / "BuildVersion:\t24B83" (tab or space separated). */
    static OsRelease parseSwVers(String output) throws ProbeException {
        String product = null;
        String version = null;
        String extra = null;
        String build = null;
        for (String line : output.replace("\r", "").split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String value = line.substring(colon + 1).strip();
            switch (line.substring(0, colon).strip()) {
                case "ProductName" -> product = value;
                case "ProductVersion" -> version = value;
                case "ProductVersionExtra" -> extra = value; // Rapid Security Response letter, e.g. "(a)"
                case "BuildVersion" -> build = value;
                default -> { }
            }
        }
        if (version == null || !version.matches("\\d+(\\.\\d+)*")) {
            throw new ProbeException("sw_vers printed no usable ProductVersion: '" + output.strip() + "'");
        }
        String major = version.split("\\.")[0];
        // macOS 10.x is keyed on the minor release (10.15 Catalina); 11 and later on the major.
        String lifecycle = major.equals("10") && version.split("\\.").length > 1
                ? "10." + version.split("\\.")[1] : major;
        StringBuilder name = new StringBuilder(product == null ? "macOS" : product).append(' ').append(version);
        if (extra != null && !extra.isEmpty()) {
            name.append(' ').append(extra);
        }
        if (NAMES.containsKey(major)) {
            name.append(' ').append(NAMES.get(major));
        }
        return new OsRelease("macos", name.toString(), lifecycle, build, "sw_vers");
    }

    @Override
    public PendingUpdates pending() throws ProbeException {
        CommandResult result = runner.run("softwareupdate", "--list", "--no-scan");
        // "No new software available." goes to stderr, the list to stdout.
        SoftwareUpdateList list = SoftwareUpdateList.parse(result.stdout() + "\n" + result.stderr());
        if (list.entries().isEmpty() && !list.noUpdates()) {
            throw new ProbeException("'softwareupdate --list --no-scan' (exit " + result.exitCode()
                    + ") printed neither updates nor 'No new software available.': "
                    + String.join(" | ", list.unparsed()));
        }
        List<PendingUpdate> pending = new ArrayList<>();
        for (SoftwareUpdateList.Entry entry : list.entries()) {
            String name = entry.title() != null ? entry.title() : entry.label();
            pending.add(new PendingUpdate(name, entry.version(), entry.security(), null,
                    "softwareupdate --list --no-scan: Label " + entry.label()
                            + (entry.action() == null ? "" : ", Action " + entry.action())));
        }
        return new PendingUpdates(pending, null, "softwareupdate --no-scan does not say when it last checked");
    }
}
