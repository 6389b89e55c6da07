package org.nestguard.console.store;

import java.util.List;

/** A page of history, newest first; {@code next} asks for the page after this one (null: this was the last). */
public record HistoryPage(List<HistoryVisit> visits, String next) {
    public HistoryPage {
        visits = List.copyOf(visits);
    }
}
