package org.nestguard.agent.platform.macos;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.HostRoot;
import org.nestguard.agent.platform.OsRelease;
import org.nestguard.agent.platform.PendingUpdate;
import org.nestguard.agent.platform.PendingUpdates;
import org.nestguard.agent.platform.ProbeException;
import org.nestguard.agent.platform.UpdateProbe;

/**
 * macOS release from {@code sw_vers} and pending updates from {@code softwareupdate --list --no-scan} (the cached
 * result of the last background scan; {@code --list} alone rescans and can take minutes). macOS does not say when an
 * update was published, so {@code availableSince} is always null. The catalogue's age is the later of
 * {@code LastSuccessfulDate} and {@code LastFullSuccessfulDate} in {@code /Library/Preferences/com.apple.SoftwareUpdate.plist}
 * (XML or binary), which softwareupdated writes after each successful check; null when neither can be read.
 */
public final class MacUpdateProbe implements UpdateProbe {
    private static final Map<String, String> NAMES = Map.of(
            "11", "Big Sur", "12", "Monterey", "13", "Ventura", "14", "Sonoma", "15", "Sequoia", "26", "Tahoe");

    static final String PREFERENCES = "/Library/Preferences/com.apple.SoftwareUpdate.plist";
    private static final List<String> CHECK_DATES = List.of("LastSuccessfulDate", "LastFullSuccessfulDate");

    private final CommandRunner runner;
    private final PlistFileReader plists;

    public MacUpdateProbe(CommandRunner runner, HostRoot root) {
        this.runner = runner;
        this.plists = new PlistFileReader(runner, root);
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
        List<String> catalogSource = new ArrayList<>();
        Instant refreshed = lastSuccessfulCheck(catalogSource);
        return new PendingUpdates(pending, refreshed, String.join("; ", catalogSource));
    }

    /** The latest successful check softwareupdated recorded, or null with the reason added to the source. */
    private Instant lastSuccessfulCheck(List<String> source) {
        Map<String, Object> preferences;
        try {
            preferences = plists.readDictIfExists(PREFERENCES);
        } catch (ProbeException e) {
            source.add("last check unreadable: " + e.getMessage());
            return null;
        }
        if (preferences == null) {
            source.add(PREFERENCES + " does not exist: when the Mac last checked for updates is not recorded");
            return null;
        }
        Instant latest = null;
        for (String key : CHECK_DATES) {
            Instant date = instant(preferences.get(key));
            if (date != null) {
                source.add(PREFERENCES + " " + key + " = " + date);
                latest = latest == null || date.isAfter(latest) ? date : latest;
            }
        }
        if (latest == null) {
            source.add(PREFERENCES + " has no " + String.join(" or ", CHECK_DATES)
                    + ": this Mac has no recorded successful check for updates");
        }
        return latest;
    }

    /** A plist date, or the same written as an ISO 8601 string by a tool; anything else is unreadable (null). */
    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof String s) {
            try {
                return Instant.parse(s.strip());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
