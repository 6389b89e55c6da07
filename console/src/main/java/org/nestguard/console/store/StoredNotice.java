package org.nestguard.console.store;

import java.time.Instant;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.HistoryNotice;

/**
 * A notice about a profile's history (cleared, removed, unreadable) as stored; the account kind is the one the
 * account's visits or flags showed, or null when the console has seen none.
 */
public record StoredNotice(String id, String deviceId, String hostname, String settingId, HistoryNotice.Kind kind,
                           String browser, String profile, String account, AccountKind accountKind, Instant noticed,
                           String detail, Instant receivedAt) {

    static String kindId(HistoryNotice.Kind kind) {
        return switch (kind) {
            case CLEARED -> "cleared";
            case PROFILE_REMOVED -> "profileRemoved";
            case UNREADABLE -> "unreadable";
        };
    }

    static HistoryNotice.Kind kind(String stored) {
        for (HistoryNotice.Kind kind : HistoryNotice.Kind.values()) {
            if (kindId(kind).equals(stored)) {
                return kind;
            }
        }
        throw new StoreException("The store holds a history notice of unknown kind '" + stored + "'");
    }
}
