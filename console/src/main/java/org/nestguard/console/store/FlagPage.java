package org.nestguard.console.store;

import java.util.List;

/** A page of the flag queue, most severe then newest first; {@code next} asks for the page after (null: last). */
public record FlagPage(List<FlagSummary> flags, String next) {
    public FlagPage {
        flags = List.copyOf(flags);
    }
}
