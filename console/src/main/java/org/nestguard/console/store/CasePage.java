package org.nestguard.console.store;

import java.util.List;

/** A page of concerns, newest first; {@code next} asks for the page after (null: this was the last). */
public record CasePage(List<CaseSummary> cases, String next) {
    public CasePage {
        cases = List.copyOf(cases);
    }
}
