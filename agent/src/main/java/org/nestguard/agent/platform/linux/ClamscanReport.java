package org.nestguard.agent.platform.linux;

import java.util.ArrayList;
import java.util.List;
import org.nestguard.agent.platform.VolumeScanReport;
import org.nestguard.protocol.files.RemovableScan;

/**
 * Reads {@code clamscan -r -i --no-summary}: each infected file on stdout as {@code path: Signature FOUND}, errors
 * and libclamav warnings on stderr; exit status 0 clean, 1 something found, 2 an error (some files may not have
 * been scanned). A FOUND line counts whatever the status: a threat is never hidden behind an error.
 */
public final class ClamscanReport {
    private static final String FOUND = " FOUND";
    private static final int DETAIL_LINES = 5;

    private ClamscanReport() {
    }

    public static VolumeScanReport parse(int exitCode, String stdout, String stderr) {
        List<String> threats = new ArrayList<>();
        for (String line : stdout.lines().toList()) {
            if (!line.endsWith(FOUND)) {
                continue;
            }
            String body = line.substring(0, line.length() - FOUND.length());
            int colon = body.lastIndexOf(": "); // a path may hold ": " itself; the signature never does
            threats.add(colon < 0 ? body : body.substring(0, colon) + ": " + body.substring(colon + 2));
        }
        List<String> errors = stderr.lines().filter(l -> !l.startsWith("LibClamAV Warning")).filter(l -> !l.isBlank())
                .toList();
        String errorText = errors.isEmpty() ? "" : " Errors: " + String.join("; ", errors.subList(0,
                Math.min(DETAIL_LINES, errors.size()))) + (errors.size() > DETAIL_LINES ? "; and "
                + (errors.size() - DETAIL_LINES) + " more" : "");
        if (!threats.isEmpty()) {
            return new VolumeScanReport(RemovableScan.Outcome.THREATS, threats, "clamscan found " + threats.size()
                    + " infected file(s)." + (exitCode == 2 ? " Some files could not be scanned." + errorText : ""));
        }
        return switch (exitCode) {
            case 0 -> new VolumeScanReport(RemovableScan.Outcome.CLEAN, List.of(), "clamscan found no threats.");
            case 1 -> new VolumeScanReport(RemovableScan.Outcome.FAILED, List.of(),
                    "clamscan said it found a threat (status 1) but named none; treat the volume as not checked.");
            default -> new VolumeScanReport(RemovableScan.Outcome.FAILED, List.of(), "clamscan failed (status "
                    + exitCode + "); the volume was not fully checked." + errorText);
        };
    }
}
