package org.nestguard.agent.platform;

import java.time.Instant;
import java.util.List;

/**
 * The updates waiting to be installed, and how fresh the catalogue they were found in is: a list of pending
 * updates is only as current as the last time the system asked its vendor.
 *
 * @param updates           the pending updates
 * @param catalogRefreshed  when the system last fetched the vendor's catalogue (apt lists, softwareupdate's last
 *                          check, an online Windows Update search); null when the OS does not say
 * @param catalogSource     where that time was read
 */
public record PendingUpdates(List<PendingUpdate> updates, Instant catalogRefreshed, String catalogSource) {
    public PendingUpdates {
        updates = List.copyOf(updates);
    }
}
