package org.nestguard.protocol.files;

import java.time.Instant;

/** Photos and videos in one camera folder of one account: counts, size and the newest file's time. */
public record MediaCount(String account, String folder, int photos, int videos, long bytes, Instant newest) {
}
