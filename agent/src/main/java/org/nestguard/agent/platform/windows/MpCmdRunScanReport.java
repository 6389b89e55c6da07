package org.nestguard.agent.platform.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nestguard.agent.platform.VolumeScanReport;
import org.nestguard.protocol.files.RemovableScan;

/**
 * Reads what {@code MpCmdRun.exe -Scan -ScanType 3 -File E:\ -DisableRemediation} prints: {@code Scanning E:\ found
 * no threats.} (status 0), or {@code found N threats.} followed by one "Threat information" block per threat with its
 * {@code file :} resources (status 2); a failure prints {@code CmdTool: Failed with hr = 0x...}. With
 * -DisableRemediation Defender leaves the files alone, so the report says what is there.
 */
public final class MpCmdRunScanReport {
    private static final Pattern FOUND = Pattern.compile("found (\\d+|no) threats?", Pattern.CASE_INSENSITIVE);
    private static final Pattern THREAT = Pattern.compile("^\\s*Threat\\s*:\\s*(.+)$");
    private static final Pattern RESOURCE = Pattern.compile("^\\s*(?:file|containerfile)\\s*:\\s*(.+)$");
    private static final Pattern FAILED = Pattern.compile("Failed with hr = (0x[0-9A-Fa-f]+)");

    private MpCmdRunScanReport() {
    }

    public static VolumeScanReport parse(int exitCode, String stdout) {
        List<String> threats = new ArrayList<>();
        String threat = null;
        for (String line : stdout.lines().toList()) {
            Matcher t = THREAT.matcher(line);
            if (t.matches()) {
                threat = t.group(1).strip();
                continue;
            }
            Matcher r = RESOURCE.matcher(line);
            if (r.matches() && threat != null) {
                threats.add(r.group(1).strip() + ": " + threat);
            }
        }
        Matcher found = FOUND.matcher(stdout);
        Matcher failed = FAILED.matcher(stdout);
        if (!threats.isEmpty() || (found.find() && !found.group(1).equalsIgnoreCase("no"))) {
            String count = found.find(0) ? found.group(1) : String.valueOf(threats.size());
            return new VolumeScanReport(RemovableScan.Outcome.THREATS, threats, "Microsoft Defender found " + count
                    + " threat(s)" + (threats.isEmpty() ? " but listed no files; see Windows Security's protection "
                    + "history" : "") + ".");
        }
        if (exitCode == 0 && found.find(0)) {
            return new VolumeScanReport(RemovableScan.Outcome.CLEAN, List.of(), "Microsoft Defender found no "
                    + "threats.");
        }
        String why = failed.find() ? "MpCmdRun failed with hr = " + failed.group(1) + " (see MpCmdRun.log in the "
                + "agent account's temporary folder)" : "MpCmdRun ended with status " + exitCode
                + " without saying the scan finished";
        return new VolumeScanReport(RemovableScan.Outcome.FAILED, List.of(), why + "; the volume was not checked.");
    }
}
