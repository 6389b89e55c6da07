package org.nestguard.console.store;

import java.time.Instant;
import java.util.List;
import org.nestguard.protocol.files.FileFacts;
import org.nestguard.protocol.files.FileRuleMatch;
import org.nestguard.protocol.monitoring.AccountKind;

/**
 * A quarantine item as its reader sees it: metadata, hashes taken before the move, the rule, where it stands.
 * Never content, and never the wrapped key: {@code keyHeld} says only whether the console still holds one.
 *
 * @param pending         the release or destroy ordered and not yet reported done, else null
 * @param policeReference set once the item is preserved for the police
 */
public record QuarantineSummary(String id, String deviceId, String hostname, String settingId, String agentItemId,
                                FileFacts facts, AccountKind accountKind, List<FileRuleMatch> matches,
                                Instant isolatedAt, long vaultBytes, String evidenceKeyFingerprint,
                                QuarantineItemState state, String pending, String policeReference, boolean keyHeld,
                                Instant receivedAt) {
}
