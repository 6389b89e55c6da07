package org.nestguard.agent.platform;

import java.util.List;
import org.nestguard.protocol.files.RemovableScan;

/** What an antivirus command-line scanner said about a volume: the outcome, the threats it named, a summary. */
public record VolumeScanReport(RemovableScan.Outcome outcome, List<String> threats, String detail) {
    public VolumeScanReport {
        threats = List.copyOf(threats);
    }
}
