package org.nestguard.console.store;

import java.time.Instant;
import java.util.List;
import org.nestguard.protocol.files.Volume;

/** Images, videos or documents written to a removable volume, as the manager reads it: names and counts only. */
public record RemovableWriteRecord(String id, String deviceId, String hostname, Volume volume, int images,
                                   int videos, int documents, long bytes, List<String> names, int namesOmitted,
                                   Instant firstWritten, Instant lastWritten, Instant receivedAt) {
}
