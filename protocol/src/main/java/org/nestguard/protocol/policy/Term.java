package org.nestguard.protocol.policy;

import java.time.LocalDate;

/** One term of the setting's year, first and last day inclusive. */
public record Term(String name, LocalDate start, LocalDate end) {
    public Term {
        Fields.requireText("name", name);
        Fields.require("start", start, "a date such as 2026-09-03");
        Fields.require("end", end, "a date such as 2026-12-18");
        Fields.requireOrdered("end", start, end);
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end);
    }
}
