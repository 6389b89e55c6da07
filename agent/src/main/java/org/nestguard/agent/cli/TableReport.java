package org.nestguard.agent.cli;

import java.io.PrintWriter;
import org.nestguard.agent.check.CheckResult;
import org.nestguard.agent.check.Evidence;

/** Prints a report as a table a technical lead reads in a terminal: control, status, evidence, clause. */
final class TableReport {
    private static final String ROW = "%-17s %-14s %s%n";
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
            for (Evidence e : result.evidence()) {
                String mark = e.status() == null ? "-" : e.status().name().toLowerCase();
                out.printf(ROW, "", "", "  [" + mark + "] " + e.item() + ": " + e.value()
                        + (e.source() == null || e.source().isEmpty() ? "" : "  (" + e.source() + ")"));
            }
            result.clauses().forEach(c -> out.printf(ROW, "", "", "  policy " + c));
        }
        long failing = report.results().stream().filter(r -> r.status().name().equals("FAIL")).count();
        long unknown = report.results().stream().filter(r -> r.status().name().equals("UNKNOWN")).count();
        out.printf("%n%d control(s) checked: %d failing, %d could not be read%n", report.results().size(), failing,
                unknown);
    }
}
