package org.nestguard.console.reports;

import java.time.Instant;
import java.util.List;
import org.nestguard.console.web.CsvRows;
import org.nestguard.console.store.SeenAccount;

/**
 * The access record as CSV ({@link CsvRows}): a row per device account and per console grant.
 */
final class AccessRecordCsv {
    static final List<String> HEADER = List.of("record", "device", "account", "administrator", "still present",
            "first seen", "last seen", "role", "where", "granted by", "granted at", "state");

    private AccessRecordCsv() {
    }

    static String of(AccessRecord record) {
        CsvRows csv = new CsvRows().row(HEADER);
        for (SeenAccount account : record.deviceAccounts()) {
            csv.row(List.of("device account", account.hostname() == null ? account.deviceId() : account.hostname(),
                    account.account(), account.administrator() == null ? "not reported"
                            : account.administrator() ? "yes" : "no", account.current() ? "yes" : "no",
                    time(account.firstSeen()), time(account.lastSeen()), "", "", "", "", ""));
        }
        for (ConsoleGrant grant : record.grants()) {
            csv.row(List.of("console account", "", grant.account(), "", "", "", "", grant.role(), grant.where(),
                    grant.grantedBy() == null ? "not in the audit log" : grant.grantedBy(), time(grant.grantedAt()),
                    grant.enabled() ? "active" : "disabled"));
        }
        return csv.toString();
    }

    private static String time(Instant at) {
        return at == null ? "" : at.toString();
    }
}
