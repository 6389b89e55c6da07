package org.nestguard.console.store;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** API keys for people's JSON API: created with a name, stored as SHA-256, verified by hash lookup. */
public final class ApiKeys {
    private static final String PREFIX = "nga_";

    private final Database database;
    private final Clock clock;
    private final SecureRandom random;

    public ApiKeys(Database database, Clock clock, SecureRandom random) {
        this.database = database;
        this.clock = clock;
        this.random = random;
    }

    /** Makes a key; the returned secret is shown once and cannot be recovered later. */
    public IssuedApiKey create(String name) {
        RequiredText.check(name, "API key name");
        NewSecret secret = NewSecret.generate(PREFIX, random);
        ApiKey key = new ApiKey(UUID.randomUUID().toString(), name, clock.instant());
        database.transaction(connection -> {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM api_keys WHERE name = ?")) {
                exists.setString(1, name);
                try (ResultSet row = exists.executeQuery()) {
                    if (row.next()) {
                        throw new StoreException("An API key named '" + name + "' already exists: choose another "
                                + "name");
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO api_keys (id, name, key_hash, created_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, key.id());
                insert.setString(2, name);
                insert.setString(3, secret.hash());
                Millis.set(insert, 4, key.createdAt());
                insert.executeUpdate();
            }
            return null;
        });
        return new IssuedApiKey(key, secret.secret());
    }

    /** The key this secret belongs to, or empty when it is not a key of this console. */
    public Optional<ApiKey> verify(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        String hash = Sha256.hex(secret.strip());
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT * FROM api_keys WHERE key_hash = ?")) {
                query.setString(1, hash);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(new ApiKey(row.getString("id"), row.getString("name"),
                            Millis.get(row, "created_at"))) : Optional.empty();
                }
            }
        });
    }
}
