package org.nestguard.console.store;

import java.time.Instant;
import java.util.List;
import org.nestguard.protocol.files.FileFacts;
import org.nestguard.protocol.files.FileRuleMatch;
import org.nestguard.protocol.monitoring.AccountKind;

/**
 * A file flag as its reader sees it: the file's metadata and every rule that matched; never its content.
 * {@code quarantineItemId} is the console's id of the item it became, once the device reported the isolation.
 */
public record FileFlagSummary(String id, String deviceId, String hostname, String settingId, FileFacts facts,
                              AccountKind accountKind, List<FileRuleMatch> matches, String agentItemId,
                              String quarantineItemId, Instant receivedAt) {
}
