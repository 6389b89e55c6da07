package org.nestguard.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.policy.PolicyException;
import org.nestguard.protocol.policy.PolicyLoader;

/** Settings and their versioned policies: each import adds version n+1, old versions stay as history. */
public final class Settings {
    private final Database database;
    private final Clock clock;
    // parsed policies by the SHA-256 of their text: a stored version never changes, and parsing one costs the
    // milliseconds every page that needs the premises would pay; a console holds a handful of versions
    private final Map<String, Optional<Policy>> parsed = new ConcurrentHashMap<>();

    public Settings(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Adds a setting; refuses an id already in use so two schools never share one by accident. */
    public Setting add(String id, String name) {
        RequiredText.check(id, "setting id");
        RequiredText.check(name, "setting name");
        Instant now = clock.instant();
        return database.transaction(connection -> {
            if (find(connection, id).isPresent()) {
                throw new StoreException("A setting with id '" + id + "' already exists: choose another id, or "
                        + "import the policy into the existing setting");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO settings (id, name, created_at) VALUES (?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, name);
                Millis.set(insert, 3, now);
                insert.executeUpdate();
            }
            return new Setting(id, name, now, 0);
        });
    }

    /** The setting with this id, if there is one. */
    public Optional<Setting> find(String id) {
        return database.read(connection -> find(connection, id));
    }

    /** Every setting, by id. */
    public List<Setting> list() {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT * FROM settings ORDER BY id");
                 ResultSet rows = query.executeQuery()) {
                List<Setting> settings = new ArrayList<>();
                while (rows.next()) {
                    settings.add(setting(rows));
                }
                return settings;
            }
        });
    }

    /** Stores the YAML as the setting's next policy version and returns it; the YAML is validated by the caller. */
    public PolicyVersion storePolicy(String settingId, String yaml, String author, String reason) {
        RequiredText.check(yaml, "policy YAML");
        RequiredText.check(author, "author of the policy change");
        RequiredText.check(reason, "reason for the policy change");
        Instant now = clock.instant();
        return database.transaction(connection -> {
            int version;
            // incrementing the counter locks the setting's row, so two imports at once get n+1 and n+2
            try (PreparedStatement bump = connection.prepareStatement(
                    "UPDATE settings SET policy_version = policy_version + 1 WHERE id = ? RETURNING policy_version")) {
                bump.setString(1, settingId);
                try (ResultSet row = bump.executeQuery()) {
                    if (!row.next()) {
                        throw unknownSetting(settingId);
                    }
                    version = row.getInt(1);
                }
            }
            PolicyVersion stored = new PolicyVersion(settingId, version, yaml, Sha256.hex(yaml), author, now, reason);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO policy_versions "
                    + "(setting_id, version, yaml, sha256, author, created_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, settingId);
                insert.setInt(2, version);
                insert.setString(3, yaml);
                insert.setString(4, stored.sha256());
                insert.setString(5, author);
                Millis.set(insert, 6, now);
                insert.setString(7, reason);
                insert.executeUpdate();
            }
            return stored;
        });
    }

    /**
     * The setting's newest policy parsed, or empty when none has been stored or it no longer parses (stored
     * policies were validated on the way in; one that no longer does has no rules to apply).
     */
    public Optional<Policy> currentParsedPolicy(String settingId) {
        return currentPolicy(settingId).flatMap(stored -> parsed.computeIfAbsent(stored.sha256(), sha -> {
            try {
                return Optional.of(new PolicyLoader().parse(settingId + " policy v" + stored.version(),
                        stored.yaml()));
            } catch (PolicyException e) {
                return Optional.empty();
            }
        }));
    }

    /** The setting's newest policy, or empty when none has been stored yet. */
    public Optional<PolicyVersion> currentPolicy(String settingId) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT p.* FROM policy_versions p "
                    + "JOIN settings s ON s.id = p.setting_id AND s.policy_version = p.version WHERE s.id = ?")) {
                query.setString(1, settingId);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(policy(row)) : Optional.empty();
                }
            }
        });
    }

    /** Every stored version of the setting's policy, newest first. */
    public List<PolicyVersion> history(String settingId) {
        return database.read(connection -> {
            if (find(connection, settingId).isEmpty()) {
                throw unknownSetting(settingId);
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT * FROM policy_versions WHERE setting_id = ? ORDER BY version DESC")) {
                query.setString(1, settingId);
                try (ResultSet rows = query.executeQuery()) {
                    List<PolicyVersion> versions = new ArrayList<>();
                    while (rows.next()) {
                        versions.add(policy(rows));
                    }
                    return versions;
                }
            }
        });
    }

    private static Optional<Setting> find(Connection connection, String id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM settings WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(setting(row)) : Optional.empty();
            }
        }
    }

    private static Setting setting(ResultSet row) throws SQLException {
        return new Setting(row.getString("id"), row.getString("name"), Millis.get(row, "created_at"),
                row.getInt("policy_version"));
    }

    private static PolicyVersion policy(ResultSet row) throws SQLException {
        return new PolicyVersion(row.getString("setting_id"), row.getInt("version"), row.getString("yaml"),
                row.getString("sha256"), row.getString("author"), Millis.get(row, "created_at"),
                row.getString("reason"));
    }

    static StoreException unknownSetting(String settingId) {
        return new StoreException("There is no setting with id '" + settingId + "': add it first, or check the id "
                + "against the list of settings");
    }
}
