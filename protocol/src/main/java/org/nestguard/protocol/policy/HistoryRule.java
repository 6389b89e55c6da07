package org.nestguard.protocol.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Period;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Browser history collection: how often the agent reads it, what goes to the console and how long the console
 * keeps it, and the categories the setting adds to the standard safeguarding ones.
 *
 * @param upload       {@code flagged}: only flagged visits (with a little context) leave the device;
 *                     {@code all}: every visit does
 * @param keepVisits   how long the console keeps visits that were not flagged (with {@code upload: all})
 * @param keepFlags    how long the console keeps flagged visits and their review history
 * @param collectEvery time between history reads, PT1M to PT1H
 * @param categories   categories the setting adds (the Kent policies filter "gaming") or standard ones whose
 *                     severity it changes
 */
public record HistoryRule(Upload upload, Period keepVisits, Period keepFlags, Duration collectEvery,
                          List<CategoryRule> categories, List<Clause> clauses) {
    /** Used when {@code collectEvery} is absent. */
    public static final Duration DEFAULT_COLLECT_EVERY = Duration.ofMinutes(5);

    public HistoryRule {
        Fields.require("upload", upload, "flagged or all");
        if (upload == Upload.ALL) {
            Fields.requirePeriod("keepVisits", keepVisits, 3 * 366, "P90D");
        } else if (keepVisits != null) {
            throw new PolicyFieldException("keepVisits", "is set but upload is 'flagged', so the console holds no "
                    + "unflagged visits to keep; remove keepVisits or set upload: all");
        }
        Fields.requirePeriod("keepFlags", keepFlags, 25 * 366, "P6Y");
        collectEvery = collectEvery == null ? DEFAULT_COLLECT_EVERY : collectEvery;
        Fields.requireDuration("collectEvery", collectEvery, Duration.ofMinutes(1), Duration.ofHours(1), "PT5M");
        categories = Fields.listOrEmpty(categories);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < categories.size(); i++) {
            if (!seen.add(categories.get(i).name())) {
                throw new PolicyFieldException("categories[" + i + "].name", "'" + categories.get(i).name()
                        + "' is listed twice; list each category once");
            }
        }
        clauses = Fields.requireClauses(clauses);
    }

    /** What history leaves the device. */
    public enum Upload {
        @JsonProperty("flagged") FLAGGED,
        @JsonProperty("all") ALL
    }
}
