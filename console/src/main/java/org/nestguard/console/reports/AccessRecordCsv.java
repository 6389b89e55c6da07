package org.nestguard.console.reports;

import java.time.Instant;
import java.util.List;
import org.nestguard.console.store.SeenAccount;

/**
 * The access record as CSV (RFC 4180, CRLF): a row per device account and per console grant. A cell that a
 * spreadsheet would take for a formula (starting =, +, -, @) is prefixed with an apostrophe, since account and
 * host names come from devices.
 */
final class AccessRecordCsv {
    static final List<String> HEADER = List.of("record", "device", "account", "administrator", "still present",
            "first seen", "last seen", "role", "where", "granted by", "granted at", "state");

    private AccessRecordCsv() {
    }

    static String of(AccessRecord record) {
        StringBuilder csv = new StringBuilder();
        line(csv, HEADER);
        for (SeenAccount account : record.deviceAccounts()) {
            line(csv, List.of("device account", account.hostname() == null ? account.deviceId() : account.hostname(),
                    account.account(), account.administrator() == null ? "not reported"
                            : account.administrator() ? "yes" : "no", account.current() ? "yes" : "no",
                    time(account.firstSeen()), time(account.lastSeen()), "", "", "", "", ""));
        }
        for (ConsoleGrant grant : record.grants()) {
            line(csv, List.of("console account", "", grant.account(), "", "", "", "", grant.role(), grant.where(),
                    grant.grantedBy() == null ? "not in the audit log" : grant.grantedBy(), time(grant.grantedAt()),
                    grant.enabled() ? "active" : "disabled"));
        }
        return csv.toString();
    }

    private static String time(Instant at) {
        return at == null ? "" : at.toString();
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
