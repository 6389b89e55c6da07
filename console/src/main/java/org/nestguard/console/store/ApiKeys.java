package org.nestguard.console.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.nestguard.console.auth.Person;
import org.nestguard.console.auth.Role;

/**
 * API keys for people's JSON API: created with a name, roles, a setting and the person's own device accounts,
 * stored as SHA-256, verified by hash lookup. The UI issue replaces keys with accounts that keep these roles.
 */
public final class ApiKeys {
    private static final String PREFIX = "nga_";
    private static final int MAX_ACCOUNT = 200;

    private final Database database;
    private final Clock clock;
    private final SecureRandom random;

    public ApiKeys(Database database, Clock clock, SecureRandom random) {
        this.database = database;
        this.clock = clock;
        this.random = random;
    }

    /** Makes an administrator's key; the returned secret is shown once and cannot be recovered later. */
    public IssuedApiKey create(String name) {
        return create(name, Set.of(Role.ADMIN), null, Set.of());
    }

    /**
     * Makes a key for a person with these roles (none: admin), acting for one setting (null: all, refused for a
     * safeguarding role: a DSL is the DSL of a setting), whose own accounts on setting devices are listed.
     */
    public IssuedApiKey create(String name, Collection<Role> roles, String settingIdOrNull,
                               Collection<String> deviceAccounts) {
        RequiredText.check(name, "API key name");
        Set<Role> granted = roles.isEmpty() ? EnumSet.of(Role.ADMIN) : EnumSet.copyOf(roles);
        String settingId = settingIdOrNull == null || settingIdOrNull.isBlank() ? null : settingIdOrNull.strip();
        if (settingId == null && granted.stream().anyMatch(Role::safeguarding)) {
            throw new IllegalArgumentException("Roles " + names(granted) + " read a setting's safeguarding records, "
                    + "so they need the setting: add --setting ID (a DSL is the DSL of one setting)");
        }
        Set<String> accounts = new TreeSet<>();
        for (String account : deviceAccounts) {
            if (account == null || account.isBlank() || account.strip().length() > MAX_ACCOUNT) {
                throw new IllegalArgumentException("Device account '" + account + "' is not an account name: give "
                        + "the OS account as the agent reports it (such as jsmith), 1 to " + MAX_ACCOUNT
                        + " characters");
            }
            accounts.add(Person.accountKey(account));
        }
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
            if (settingId != null) {
                try (PreparedStatement setting = connection.prepareStatement("SELECT 1 FROM settings WHERE id = ?")) {
                    setting.setString(1, settingId);
                    try (ResultSet row = setting.executeQuery()) {
                        if (!row.next()) {
                            throw Settings.unknownSetting(settingId);
                        }
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO api_keys "
                    + "(id, name, key_hash, created_at, setting_id) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, key.id());
                insert.setString(2, name);
                insert.setString(3, secret.hash());
                Millis.set(insert, 4, key.createdAt());
                insert.setString(5, settingId);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO api_key_roles (api_key_id, role) VALUES (?, ?)")) {
                for (Role role : granted) {
                    insert.setString(1, key.id());
                    insert.setString(2, role.id());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            if (!accounts.isEmpty()) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO api_key_device_accounts (api_key_id, account) VALUES (?, ?)")) {
                    for (String account : accounts) {
                        insert.setString(1, key.id());
                        insert.setString(2, account);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
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

    /** The person this secret is the key of, with their roles, setting and own accounts. */
    public Optional<Person> authenticate(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        String hash = Sha256.hex(secret.strip());
        return database.read(connection -> people(connection, "WHERE k.key_hash = ?", hash).stream().findFirst());
    }

    /** Everyone with a key, by name; no secrets. */
    public List<Person> list() {
        return database.read(connection -> people(connection, "", null));
    }

    private static List<Person> people(Connection connection, String where, String parameter) throws SQLException {
        Map<String, String[]> keys = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT k.id, k.name, k.setting_id FROM api_keys k " + where + " ORDER BY k.name")) {
            if (parameter != null) {
                query.setString(1, parameter);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.put(rows.getString(1), new String[] {rows.getString(2), rows.getString(3)});
                }
            }
        }
        if (keys.isEmpty()) {
            return List.of();
        }
        Map<String, Set<Role>> roles = new HashMap<>();
        Map<String, Set<String>> accounts = new HashMap<>();
        String in = InList.placeholders(keys.size());
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT api_key_id, role FROM api_key_roles WHERE api_key_id IN (" + in + ")")) {
            InList.bind(query, 1, keys.keySet());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    roles.computeIfAbsent(rows.getString(1), id -> EnumSet.noneOf(Role.class))
                            .add(Role.parse(rows.getString(2)));
                }
            }
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT api_key_id, account FROM api_key_device_accounts WHERE api_key_id IN (" + in + ")")) {
            InList.bind(query, 1, keys.keySet());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    accounts.computeIfAbsent(rows.getString(1), id -> new TreeSet<>()).add(rows.getString(2));
                }
            }
        }
        List<Person> people = new ArrayList<>();
        keys.forEach((id, nameAndSetting) -> people.add(new Person(id, nameAndSetting[0],
                roles.getOrDefault(id, Set.of()), nameAndSetting[1], accounts.getOrDefault(id, Set.of()))));
        return people;
    }

    private static String names(Set<Role> roles) {
        return String.join(", ", roles.stream().map(Role::id).toList());
    }
}
