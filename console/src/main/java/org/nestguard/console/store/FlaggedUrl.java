package org.nestguard.console.store;

import java.time.Instant;
import java.util.List;

/**
 * A URL that flags put in a reportable category (child sexual exploitation, illegal): as the visit recorded it,
 * the categories, how many flags and when it was first and last visited. Raw: defang it before showing it.
 */
public record FlaggedUrl(String url, List<String> categories, int flags, Instant firstVisited, Instant lastVisited) {
    public FlaggedUrl {
        categories = List.copyOf(categories);
    }
}
