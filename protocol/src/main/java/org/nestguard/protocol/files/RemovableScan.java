package org.nestguard.protocol.files;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Event {@value #TYPE}: the operating system's antivirus scanned a removable volume when it was mounted
 * (001/002 §7.5: portable media "checked by an anti-virus/malware scan before use").
 *
 * @param scanner  the scanner run ({@code clamscan}, {@code MpCmdRun.exe}), or null when none exists
 * @param threats  what the scanner named, as {@code path: threat}
 * @param detail   the scanner's summary, or why no scan ran
 */
public record RemovableScan(Volume volume, String scanner, Outcome outcome, List<String> threats, String detail,
                            Instant started, Instant finished) {
    public static final String TYPE = "removable-scan";

    public RemovableScan {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(outcome, "outcome");
        threats = threats == null ? List.of() : List.copyOf(threats);
    }

    /** How a scan ended. */
    public enum Outcome {
        @JsonProperty("clean") CLEAN,
        @JsonProperty("threats") THREATS,
        /** The scanner ran but failed; the volume counts as not checked. */
        @JsonProperty("failed") FAILED,
        @JsonProperty("no-scanner") NO_SCANNER
    }
}
