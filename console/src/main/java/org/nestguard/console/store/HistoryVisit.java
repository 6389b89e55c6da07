package org.nestguard.console.store;

import java.time.Instant;
import java.util.List;
import org.nestguard.protocol.monitoring.AccountKind;

/** A stored visit as history search shows it, with the categories of any flag on it. */
public record HistoryVisit(String id, String deviceId, String hostname, String settingId, Instant time, String url,
                           String host, String title, String browser, String profile, String account,
                           AccountKind accountKind, String transition, String searchTerms, List<String> categories,
                           Instant receivedAt) {
    public HistoryVisit {
        categories = List.copyOf(categories);
    }
}
