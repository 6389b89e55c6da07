package org.nestguard.agent.platform.windows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nestguard.agent.platform.PendingUpdate;
import org.nestguard.agent.platform.ProbeException;

/**
 * Parses the tab-separated lines {@link WindowsUpdateProbe#SEARCH_SCRIPT} prints, one per pending update:
 * {@code KBs <TAB> MsrcSeverity <TAB> category IDs (;) <TAB> LastDeploymentChangeTime (UTC ISO) <TAB> Title}.
 * Category IDs rather than names are printed because the names are localized.
 */
public final class WindowsUpdateListParser {
    /** Windows Update's "Security Updates" classification, the same GUID in every language. */
    public static final String SECURITY_UPDATES_CATEGORY = "0fa1201d-4330-4fa8-8ae9-b877473b6441";

    private WindowsUpdateListParser() {
    }

    /** All updates; any line that does not have the five fields is an error, since a lost line may be a security fix. */
    public static List<PendingUpdate> parse(String output, String source) throws ProbeException {
        List<PendingUpdate> updates = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (String raw : output.lines().toList()) {
            String line = raw.replace("\uFEFF", "").stripTrailing();
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t", 5);
            if (fields.length != 5 || fields[4].isBlank()) {
                rejected.add(line);
                continue;
            }
            String kbs = fields[0].trim();
            String severity = fields[1].trim();
            List<String> categories = List.of(fields[2].trim().toLowerCase(Locale.ROOT).split(";"));
            Instant since = null;
            if (!fields[3].isBlank()) {
                try {
                    since = Instant.parse(fields[3].trim());
                } catch (DateTimeParseException e) {
                    rejected.add(line);
                    continue;
                }
            }
            boolean security = categories.contains(SECURITY_UPDATES_CATEGORY) || !severity.isEmpty();
            String title = fields[4].trim();
            String name = kbs.isEmpty() || title.contains(kbs) ? title : kbs + " " + title;
            updates.add(new PendingUpdate(name, kbs.isEmpty() ? null : kbs, security, since,
                    source + (severity.isEmpty() ? "" : " (MsrcSeverity " + severity + ")")));
        }
        if (!rejected.isEmpty()) {
            throw new ProbeException("could not parse " + rejected.size() + " line(s) of the Windows Update search: "
                    + rejected.get(0));
        }
        return updates;
    }
}
