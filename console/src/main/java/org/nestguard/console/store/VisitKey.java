package org.nestguard.console.store;

import org.nestguard.protocol.monitoring.Visit;

/**
 * The id of a visit: SHA-256 over the device, account, browser, profile, time and URL. The same visit read once
 * by the agent has the same id whether it arrives in a history batch or in a flag, so it is stored once.
 */
final class VisitKey {
    private VisitKey() {
    }

    static String of(String deviceId, Visit visit) {
        StringBuilder text = new StringBuilder();
        // each part prefixed by its length: no choice of separators inside a field can make two visits collide
        for (String part : new String[] {deviceId, visit.account(), visit.browser(), visit.profile(),
                visit.time().toString(), visit.url()}) {
            text.append(part.length()).append(':').append(part).append('|');
        }
        return Sha256.hex(text.toString());
    }
}
