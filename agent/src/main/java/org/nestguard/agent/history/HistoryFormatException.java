package org.nestguard.agent.history;

/** A history database that cannot be read as its format: corrupt, truncated, empty or another schema. */
public final class HistoryFormatException extends Exception {
    public HistoryFormatException(String message) {
        super(message);
    }

    public HistoryFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
