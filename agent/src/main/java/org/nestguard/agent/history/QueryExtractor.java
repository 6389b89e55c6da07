package org.nestguard.agent.history;

/** Finds the query in a search engine's result URL, for visits whose browser recorded none itself. */
public interface QueryExtractor {
    /** The search query {@code url} carries, or null when it is not a search. */
    String queryOf(String url);
}
