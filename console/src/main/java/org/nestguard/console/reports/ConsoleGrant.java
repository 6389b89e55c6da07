package org.nestguard.console.reports;

import java.time.Instant;

/**
 * A role a console account holds in the setting (granted there or in every setting), who granted it and when as
 * the audit log recorded the account being made (null when the log holds no such row), and whether the account
 * may still sign in.
 */
public record ConsoleGrant(String account, String role, String where, String grantedBy, Instant grantedAt,
                           boolean enabled) {
}
