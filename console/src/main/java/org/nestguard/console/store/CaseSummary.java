package org.nestguard.console.store;

import java.time.Instant;
import org.nestguard.protocol.monitoring.AccountKind;

/**
 * A concern as the list shows it: its title, whose it is (the subject account and its kind, which routes it), who
 * opened it and when, and whether and by whom it was closed.
 *
 * @param account the subject's account as devices report it, or empty when the concern names none
 */
public record CaseSummary(String id, String settingId, String title, String account, AccountKind accountKind,
                          CaseState state, Instant openedAt, String openedByName, Instant closedAt,
                          String closedByName) {
}
