package org.nestguard.console.store;

import java.time.Instant;
import java.util.List;
import org.nestguard.protocol.files.Volume;

/** An antivirus scan of a removable volume when it was mounted: scanner, outcome, threats named. */
public record RemovableScanRecord(String id, String deviceId, String hostname, Volume volume, String scanner,
                                  String outcome, List<String> threats, String detail, Instant started,
                                  Instant finished, Instant receivedAt) {
}
