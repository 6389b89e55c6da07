package org.nestguard.agent.cli;

import java.io.PrintWriter;
import org.nestguard.agent.check.CheckResult;
import org.nestguard.agent.check.Evidence;
import org.nestguard.agent.check.Status;

/** Prints a report as a table a technical lead reads in a terminal: control, status, evidence, clause. */
final class TableReport {
    private static final String ROW = "%-17s %-14s %s%n";
    private static final int PASSING_ITEMS_SHOWN = 6;
    private final PrintWriter out;

    TableReport(PrintWriter out) {
        this.out = out;
    }

    void print(CheckReport report) {
        out.printf("Nestguard check of %s against %s (%s), %s%n%n", report.host(), report.settingName(),
                report.policyFile(), report.checkedAt());
        out.printf(ROW, "CONTROL", "STATUS", "EVIDENCE / CLAUSE");
        for (CheckResult result : report.results()) {
            out.printf(ROW, result.control().id(), result.status(), result.summary());
            int shown = 0;
            int hidden = 0;
            for (Evidence e : result.evidence()) {
                // Failures and unknowns are always shown; a long run of passing items (60 pending updates) is cut.
                boolean decisive = e.status() == Status.FAIL || e.status() == Status.UNKNOWN;
                if (!decisive && shown >= PASSING_ITEMS_SHOWN) {
                    hidden++;
                    continue;
                }
                shown += decisive ? 0 : 1;
                String mark = e.status() == null ? "-" : e.status().name().toLowerCase();
                out.printf(ROW, "", "", "  [" + mark + "] " + e.item() + ": " + e.value()
                        + (e.source() == null || e.source().isEmpty() ? "" : "  (" + e.source() + ")"));
            }
            if (hidden > 0) {
                out.printf(ROW, "", "", "  ... and " + hidden + " more passing or informational item(s); --json lists all");
            }
            result.clauses().forEach(c -> out.printf(ROW, "", "", "  policy " + c));
        }
        long failing = report.results().stream().filter(r -> r.status() == Status.FAIL).count();
        long unknown = report.results().stream().filter(r -> r.status() == Status.UNKNOWN).count();
        out.printf("%n%d control(s) checked: %d failing, %d could not be read%n", report.results().size(), failing,
                unknown);
    }
}
