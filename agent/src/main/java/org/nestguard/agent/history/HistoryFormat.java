package org.nestguard.agent.history;

/** The database layout a browser keeps its history in. */
public enum HistoryFormat {
    /** Chrome, Edge, Brave, Chromium: {@code History}, times in microseconds since 1601-01-01 UTC. */
    CHROMIUM,
    /** Firefox: {@code places.sqlite}, times in microseconds since 1970-01-01 UTC. */
    FIREFOX,
    /** Safari: {@code History.db}, times in seconds since 2001-01-01 UTC. */
    SAFARI
}
