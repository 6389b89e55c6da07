package org.nestguard.console.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Enrolment tokens: made with a number of uses and an expiry, stored as hashes, consumed one use at a time. */
public final class EnrolmentTokens {
    private static final String PREFIX = "ngt_";

    private final Database database;
    private final Clock clock;
    private final SecureRandom random;

    public EnrolmentTokens(Database database, Clock clock, SecureRandom random) {
        this.database = database;
        this.clock = clock;
        this.random = random;
    }

    /** Makes a token for the setting; the returned secret is shown once and cannot be recovered later. */
    public IssuedToken create(String settingId, int uses, Duration validFor) {
        return database.transaction(connection -> insert(connection, settingId, uses, validFor));
    }

    /** {@link #create} inside the caller's transaction, so an audit row can commit with the token. */
    IssuedToken insert(Connection connection, String settingId, int uses, Duration validFor) throws SQLException {
        if (uses < 1) {
            throw new IllegalArgumentException("A token needs at least 1 use, not " + uses + ": give --uses 1 or more");
        }
        if (validFor == null || validFor.isNegative() || validFor.isZero()) {
            throw new IllegalArgumentException("A token must stay valid for some time, not " + validFor
                    + ": give an expiry such as P7D");
        }
        NewSecret secret = NewSecret.generate(PREFIX, random);
        Instant now = clock.instant();
        EnrolmentToken token = new EnrolmentToken(UUID.randomUUID().toString(), settingId, uses, uses,
                now.plus(validFor), now);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO enrolment_tokens "
                + "(id, token_hash, setting_id, uses_total, uses_left, expires_at, created_at) "
                + "SELECT ?, ?, id, ?, ?, ?, ? FROM settings WHERE id = ?")) {
            insert.setString(1, token.id());
            insert.setString(2, secret.hash());
            insert.setInt(3, uses);
            insert.setInt(4, uses);
            Millis.set(insert, 5, token.expiresAt());
            Millis.set(insert, 6, now);
            insert.setString(7, settingId);
            if (insert.executeUpdate() == 0) {
                throw Settings.unknownSetting(settingId);
            }
        }
        return new IssuedToken(token, secret.secret());
    }

    /** Every token of the setting, newest first, without secrets. */
    public List<EnrolmentToken> list(String settingId) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT * FROM enrolment_tokens WHERE setting_id = ? ORDER BY created_at DESC, id")) {
                query.setString(1, settingId);
                try (ResultSet rows = query.executeQuery()) {
                    List<EnrolmentToken> tokens = new ArrayList<>();
                    while (rows.next()) {
                        tokens.add(token(rows));
                    }
                    return tokens;
                }
            }
        });
    }

    /**
     * Takes one use of the token if it is known, unexpired and has uses left. The check and the decrement are one
     * UPDATE, so however many devices present the same token at once, no more than its uses succeed.
     */
    public TokenConsumption consume(String secret) {
        if (secret == null || secret.isBlank()) {
            return new TokenConsumption(TokenStatus.UNKNOWN, null);
        }
        String hash = Sha256.hex(secret.strip());
        Instant now = clock.instant();
        return database.transaction(connection -> {
            try (PreparedStatement take = connection.prepareStatement("UPDATE enrolment_tokens "
                    + "SET uses_left = uses_left - 1 WHERE token_hash = ? AND uses_left > 0 AND expires_at > ? "
                    + "RETURNING setting_id")) {
                take.setString(1, hash);
                Millis.set(take, 2, now);
                try (ResultSet row = take.executeQuery()) {
                    if (row.next()) {
                        return new TokenConsumption(TokenStatus.ACCEPTED, row.getString(1));
                    }
                }
            }
            // refused: look again only to say why
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT * FROM enrolment_tokens WHERE token_hash = ?")) {
                query.setString(1, hash);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return new TokenConsumption(TokenStatus.UNKNOWN, null);
                    }
                    EnrolmentToken token = token(row);
                    TokenStatus status = token.expiresAt().isAfter(now) ? TokenStatus.USED_UP : TokenStatus.EXPIRED;
                    return new TokenConsumption(status, token.settingId());
                }
            }
        });
    }

    /**
     * What {@link #consume} would say now, without taking a use: lets enrolment refuse for a reason of the
     * setting's (no policy yet) before a use is spent on a device that cannot enrol anyway.
     */
    public TokenConsumption inspect(String secret) {
        if (secret == null || secret.isBlank()) {
            return new TokenConsumption(TokenStatus.UNKNOWN, null);
        }
        String hash = Sha256.hex(secret.strip());
        Instant now = clock.instant();
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT * FROM enrolment_tokens WHERE token_hash = ?")) {
                query.setString(1, hash);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return new TokenConsumption(TokenStatus.UNKNOWN, null);
                    }
                    EnrolmentToken token = token(row);
                    TokenStatus status = !token.expiresAt().isAfter(now) ? TokenStatus.EXPIRED
                            : token.usesLeft() > 0 ? TokenStatus.ACCEPTED : TokenStatus.USED_UP;
                    return new TokenConsumption(status, token.settingId());
                }
            }
        });
    }

    private static EnrolmentToken token(ResultSet row) throws SQLException {
        return new EnrolmentToken(row.getString("id"), row.getString("setting_id"), row.getInt("uses_total"),
                row.getInt("uses_left"), Millis.get(row, "expires_at"), Millis.get(row, "created_at"));
    }
}
