package org.nestguard.console.store;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.nestguard.console.auth.SignInStage;

/**
 * Browser sessions: a random 256-bit id in the cookie, only its SHA-256 stored, a synchroniser CSRF token, an
 * absolute expiry and an idle timeout (shorter while sign-in is unfinished).
 */
public final class WebSessions {
    /** The longest a session lasts, however busy. */
    public static final Duration ABSOLUTE = Duration.ofHours(10);
    /** A signed-in session ends after this long without a request. */
    public static final Duration IDLE = Duration.ofMinutes(30);
    /** A session part-way through sign-in (code, new password, authenticator) ends sooner. */
    public static final Duration IDLE_UNFINISHED = Duration.ofMinutes(10);
    // last_seen_at is written at most this often, so reading pages does not write on every request
    private static final Duration TOUCH_EVERY = Duration.ofSeconds(30);

    private final Database database;
    private final Clock clock;
    private final SecureRandom random;

    public WebSessions(Database database, Clock clock, SecureRandom random) {
        this.database = database;
        this.clock = clock;
        this.random = random;
    }

    /** Starts a session for the account at this stage; the cookie value is returned once. */
    public OpenedSession open(String accountId, SignInStage stage, String address) {
        String cookie = randomToken();
        Instant now = clock.instant();
        WebSession session = new WebSession(Sha256.hex(cookie), accountId, stage, randomToken(), now, now,
                now.plus(ABSOLUTE));
        database.transaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO web_sessions (id_hash, "
                    + "account_id, stage, csrf_token, address, created_at, last_seen_at, expires_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, session.idHash());
                insert.setString(2, accountId);
                insert.setString(3, stage.id());
                insert.setString(4, session.csrfToken());
                insert.setString(5, address);
                Millis.set(insert, 6, now);
                Millis.set(insert, 7, now);
                Millis.set(insert, 8, session.expiresAt());
                insert.executeUpdate();
            }
            return null;
        });
        return new OpenedSession(session, cookie);
    }

    /** The live session this cookie names, its idle time restarted; an expired or idle one is removed. */
    public Optional<WebSession> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank() || cookieValue.length() > 100) {
            return Optional.empty();
        }
        String hash = Sha256.hex(cookieValue);
        Optional<WebSession> found = database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT * FROM web_sessions WHERE id_hash = ?")) {
                query.setString(1, hash);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(new WebSession(hash, row.getString("account_id"),
                            SignInStage.parse(row.getString("stage")), row.getString("csrf_token"),
                            Millis.get(row, "created_at"), Millis.get(row, "last_seen_at"),
                            Millis.get(row, "expires_at"))) : Optional.<WebSession>empty();
                }
            }
        });
        if (found.isEmpty()) {
            return found;
        }
        WebSession session = found.get();
        Instant now = clock.instant();
        Duration idle = session.stage() == SignInStage.SIGNED_IN ? IDLE : IDLE_UNFINISHED;
        if (!now.isBefore(session.expiresAt()) || !now.isBefore(session.lastSeenAt().plus(idle))) {
            close(hash);
            return Optional.empty();
        }
        if (!now.isBefore(session.lastSeenAt().plus(TOUCH_EVERY))) {
            update("UPDATE web_sessions SET last_seen_at = ? WHERE id_hash = ?", now.toEpochMilli(), hash);
        }
        return found;
    }

    /** Moves a session to the next sign-in stage. */
    public void advance(WebSession session, SignInStage stage) {
        database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE web_sessions SET stage = ?, last_seen_at = ? WHERE id_hash = ?")) {
                update.setString(1, stage.id());
                Millis.set(update, 2, clock.instant());
                update.setString(3, session.idHash());
                update.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Deletes every session that can no longer be used: past its absolute end, or idle longer than its stage
     * allows. {@link #find} already refuses them; this keeps the table to the sessions that are live. Returns how
     * many went.
     */
    public int purgeEnded() {
        Instant now = clock.instant();
        return database.transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM web_sessions WHERE "
                    + "expires_at <= ? OR (stage = ? AND last_seen_at <= ?) OR (stage <> ? AND last_seen_at <= ?)")) {
                Millis.set(delete, 1, now);
                delete.setString(2, SignInStage.SIGNED_IN.id());
                Millis.set(delete, 3, now.minus(IDLE));
                delete.setString(4, SignInStage.SIGNED_IN.id());
                Millis.set(delete, 5, now.minus(IDLE_UNFINISHED));
                return delete.executeUpdate();
            }
        });
    }

    /** Ends the session (sign-out, expiry). */
    public void close(String idHash) {
        database.transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM web_sessions WHERE id_hash = ?")) {
                delete.setString(1, idHash);
                delete.executeUpdate();
            }
            return null;
        });
    }

    private void update(String sql, long millis, String hash) {
        database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setLong(1, millis);
                update.setString(2, hash);
                update.executeUpdate();
            }
            return null;
        });
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
