package org.nestguard.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Counts failed sign-ins per account name (whether or not it exists, so a lockout says nothing about that) and
 * per source address, and locks a subject out for a while once it reaches its limit within the window.
 */
public final class SignInThrottle {
    /** Failures per account name within {@link #WINDOW} before it is locked. */
    public static final int ACCOUNT_LIMIT = 5;
    /** Failures per source address within {@link #WINDOW} before it is locked (several people may share one). */
    public static final int ADDRESS_LIMIT = 20;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration LOCKOUT = Duration.ofMinutes(15);

    private final Database database;
    private final Clock clock;

    public SignInThrottle(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The subject for an account name as typed. */
    public static String accountSubject(String name) {
        return "account:" + (name == null ? "" : name.strip().toLowerCase(Locale.ROOT));
    }

    /** The subject for a source address. */
    public static String addressSubject(String address) {
        return "address:" + address;
    }

    /** Until when the latest lock among these subjects lasts, or empty when none is locked now. */
    public Optional<Instant> lockedUntil(List<String> subjects) {
        Instant now = clock.instant();
        return database.read(connection -> {
            Instant latest = null;
            for (String subject : subjects) {
                Instant until = row(connection, subject).lockedUntil;
                if (until != null && until.isAfter(now) && (latest == null || until.isAfter(latest))) {
                    latest = until;
                }
            }
            return Optional.ofNullable(latest);
        });
    }

    /** Counts a failure against each subject; returns the lock's end if this failure locked one. */
    public Optional<Instant> recordFailure(String accountSubject, String addressSubject) {
        Instant now = clock.instant();
        return database.transaction(connection -> {
            Instant locked = null;
            for (String subject : List.of(accountSubject, addressSubject)) {
                int limit = subject.equals(accountSubject) ? ACCOUNT_LIMIT : ADDRESS_LIMIT;
                Counter counter = row(connection, subject);
                boolean fresh = counter.windowStart == null || !now.isBefore(counter.windowStart.plus(WINDOW));
                int failures = fresh ? 1 : counter.failures + 1;
                Instant windowStart = fresh ? now : counter.windowStart;
                Instant until = counter.lockedUntil;
                if (failures >= limit) {
                    until = now.plus(LOCKOUT);
                    locked = until;
                    failures = 0;
                    windowStart = now;
                }
                String sql = counter.exists
                        ? "UPDATE sign_in_failures SET failures = ?, window_start = ?, locked_until = ? "
                                + "WHERE subject = ?"
                        : "INSERT INTO sign_in_failures (failures, window_start, locked_until, subject) "
                                + "VALUES (?, ?, ?, ?)";
                try (PreparedStatement write = connection.prepareStatement(sql)) {
                    write.setInt(1, failures);
                    Millis.set(write, 2, windowStart);
                    Millis.set(write, 3, until);
                    write.setString(4, subject);
                    write.executeUpdate();
                }
            }
            return Optional.ofNullable(locked);
        });
    }

    /**
     * Forgets counters whose window and lock have both passed: they no longer count toward anything, and a table
     * of every name ever mistyped is a list of guesses worth not keeping. Returns how many went.
     */
    public int purgeElapsed() {
        Instant now = clock.instant();
        return database.transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sign_in_failures WHERE "
                    + "window_start <= ? AND (locked_until IS NULL OR locked_until <= ?)")) {
                Millis.set(delete, 1, now.minus(WINDOW));
                Millis.set(delete, 2, now);
                return delete.executeUpdate();
            }
        });
    }

    /** Forgets an account's failures after it signs in. */
    public void clear(String subject) {
        database.transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM sign_in_failures WHERE subject = ?")) {
                delete.setString(1, subject);
                delete.executeUpdate();
            }
            return null;
        });
    }

    private record Counter(boolean exists, int failures, Instant windowStart, Instant lockedUntil) {
    }

    private static Counter row(Connection connection, String subject) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT failures, window_start, locked_until FROM sign_in_failures WHERE subject = ?")) {
            query.setString(1, subject);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? new Counter(true, row.getInt(1), Millis.get(row, "window_start"),
                        Millis.get(row, "locked_until")) : new Counter(false, 0, null, null);
            }
        }
    }
}
