package org.nestguard.console.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.nestguard.console.auth.Account;
import org.nestguard.console.auth.Grant;
import org.nestguard.console.auth.PasswordHashing;
import org.nestguard.console.auth.Person;
import org.nestguard.console.auth.Role;
import org.nestguard.console.auth.Totp;
import org.nestguard.console.pki.SecretsKey;

/**
 * Console accounts: Argon2id password hashes, roles per setting, TOTP secrets and the last step used. Every
 * change, and every sign-in and failure, is written to the audit log in the same transaction.
 */
public final class Accounts {
    /** Who the audit log names when the command line acts: whoever runs it has the console's data folder. */
    public static final Person COMMAND_LINE = new Person("command-line", "console operator (command line)",
            Set.of(Role.ADMIN), null, Set.of());
    private static final String EVERY_SETTING = "*";
    private static final String PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final int MAX_NAME = 200;

    private final Database database;
    private final Clock clock;
    private final SecureRandom random;
    private final AuditLog audit;
    private final PasswordHashing hashing;
    private final Totp totp;
    private final SecretsKey secrets;
    // verified against when the name is unknown, so a wrong name takes as long as a wrong password
    private final String decoyHash;

    /** {@code secrets} seals TOTP secrets: the database holds none in the clear (see {@link SecretsKey}). */
    public Accounts(Database database, Clock clock, SecureRandom random, AuditLog audit, PasswordHashing hashing,
                    SecretsKey secrets) {
        this.database = database;
        this.secrets = secrets;
        this.clock = clock;
        this.random = random;
        this.audit = audit;
        this.hashing = hashing;
        this.totp = new Totp(clock);
        this.decoyHash = hashing.hash(oneTimePassword(random));
    }

    /**
     * Creates an account with these grants. With a null password a one-time password is made, returned once, and
     * must be changed at first sign-in; a given password is kept.
     */
    public IssuedPassword add(String name, Collection<Grant> grants, String passwordOrNull, Person actor) {
        return add(name, grants, Set.of(), passwordOrNull, actor);
    }

    /**
     * Creates an account as {@link #add(String, Collection, String, Person)} does, with the OS accounts on setting
     * devices that are the person's own, so that history and flags about them never reach the person.
     */
    public IssuedPassword add(String name, Collection<Grant> grants, Collection<String> deviceAccounts,
                              String passwordOrNull, Person actor) {
        String checkedName = checkName(name);
        Set<String> ownAccounts = deviceAccountKeys(deviceAccounts);
        if (grants.isEmpty()) {
            throw new IllegalArgumentException("An account needs at least one role: add --role ROLE (one of "
                    + Role.names() + ")");
        }
        String password = passwordOrNull == null ? oneTimePassword(random) : passwordOrNull;
        if (passwordOrNull != null) {
            PasswordHashing.checkStrength(passwordOrNull);
        }
        boolean totpRequired = grants.stream().anyMatch(grant -> Account.TOTP_BY_DEFAULT.contains(grant.role()));
        String id = UUID.randomUUID().toString();
        String hash = hashing.hash(password);
        Instant now = clock.instant();
        database.transaction(connection -> {
            if (idOf(connection, checkedName) != null) {
                throw new StoreException("An account named '" + checkedName + "' already exists: choose another "
                        + "name, or reset its password with account reset-password " + checkedName);
            }
            for (Grant grant : grants) {
                if (grant.settingId() != null && !settingExists(connection, grant.settingId())) {
                    throw Settings.unknownSetting(grant.settingId());
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO accounts (id, name, "
                    + "password_hash, must_change_password, totp_required, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, checkedName);
                insert.setString(3, hash);
                insert.setInt(4, passwordOrNull == null ? 1 : 0);
                insert.setInt(5, totpRequired ? 1 : 0);
                Millis.set(insert, 6, now);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO account_roles (account_id, role, setting_id) VALUES (?, ?, ?)")) {
                for (Grant grant : Set.copyOf(grants)) {
                    insert.setString(1, id);
                    insert.setString(2, grant.role().id());
                    insert.setString(3, grant.settingId() == null ? EVERY_SETTING : grant.settingId());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            insertDeviceAccounts(connection, id, ownAccounts);
            audit.append(connection, actor, "account.add", "account " + checkedName, describe(grants)
                    + (ownAccounts.isEmpty() ? "" : "; own device accounts " + String.join(", ", ownAccounts)),
                    null, false);
            return null;
        });
        Account account = byId(id).orElseThrow();
        return new IssuedPassword(account, passwordOrNull == null ? password : null);
    }

    /**
     * An administrator's reset: a new one-time password that must be changed at the next sign-in; every session
     * of the account ends. The TOTP enrolment stays unless {@code clearTotp} (a lost phone).
     */
    public String resetPassword(String name, boolean clearTotp, Person actor) {
        String password = oneTimePassword(random);
        String hash = hashing.hash(password);
        database.transaction(connection -> {
            String id = existing(connection, name);
            try (PreparedStatement update = connection.prepareStatement("UPDATE accounts SET password_hash = ?, "
                    + "must_change_password = 1" + (clearTotp ? ", totp_secret = NULL, totp_last_step = NULL" : "")
                    + " WHERE id = ?")) {
                update.setString(1, hash);
                update.setString(2, id);
                update.executeUpdate();
            }
            endSessions(connection, id);
            audit.append(connection, actor, "account.reset-password", "account " + name,
                    clearTotp ? "one-time password; TOTP cleared" : "one-time password", null, false);
            return null;
        });
        return password;
    }

    /** Stops the account signing in and ends its sessions; its history in the audit log stays. */
    public void disable(String name, Person actor) {
        database.transaction(connection -> {
            String id = existing(connection, name);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE accounts SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL")) {
                Millis.set(update, 1, clock.instant());
                update.setString(2, id);
                if (update.executeUpdate() == 0) {
                    throw new StoreException("The account '" + name + "' is already disabled");
                }
            }
            endSessions(connection, id);
            audit.append(connection, actor, "account.disable", "account " + name, "sessions ended", null, false);
            return null;
        });
    }

    /**
     * Adds and removes OS accounts on setting devices that are the person's own; returns the account as it is
     * now. Removing one it does not have is refused, so a typing mistake is not silently ignored.
     */
    public Account changeDeviceAccounts(String name, Collection<String> add, Collection<String> remove,
                                        Person actor) {
        Set<String> adding = deviceAccountKeys(add);
        Set<String> removing = deviceAccountKeys(remove);
        if (adding.isEmpty() && removing.isEmpty()) {
            throw new IllegalArgumentException("Say which device accounts to change: --add ACCOUNT or "
                    + "--remove ACCOUNT (each may be repeated)");
        }
        String id = database.transaction(connection -> {
            String found = existing(connection, name);
            Set<String> held = new java.util.TreeSet<>(deviceAccountsOf(connection, found));
            for (String account : removing) {
                if (!held.contains(account)) {
                    throw new StoreException("The account '" + name + "' has no device account '" + account
                            + "'; it has " + (held.isEmpty() ? "none" : String.join(", ", held)));
                }
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM account_device_accounts WHERE account_id = ? AND account_key = ?")) {
                for (String account : removing) {
                    delete.setString(1, found);
                    delete.setString(2, account);
                    delete.executeUpdate();
                }
            }
            adding.removeAll(held);
            insertDeviceAccounts(connection, found, adding);
            audit.append(connection, actor, "account.device-accounts", "account " + name.strip(),
                    "added " + (adding.isEmpty() ? "none" : String.join(", ", adding)) + "; removed "
                    + (removing.isEmpty() ? "none" : String.join(", ", removing)), null, false);
            return found;
        });
        return byId(id).orElseThrow();
    }

    /** Every account, by name. */
    public List<Account> list() {
        return database.read(connection -> accounts(connection, "", null));
    }

    /** The account with this id. */
    public Optional<Account> byId(String id) {
        return database.read(connection -> accounts(connection, "WHERE a.id = ?", id).stream().findFirst());
    }

    /**
     * The enabled account whose name and password these are, or empty; the audit log gets the failure when the
     * account exists (an unknown name is not logged, as people type passwords into the name field).
     */
    public Optional<Account> checkPassword(String name, String password, String address) {
        String wanted = name == null ? "" : name.strip();
        Optional<String[]> stored = wanted.isEmpty() ? Optional.empty() : database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id, password_hash FROM accounts WHERE name = ? AND disabled_at IS NULL")) {
                query.setString(1, wanted);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(new String[] {row.getString(1), row.getString(2)})
                            : Optional.<String[]>empty();
                }
            }
        });
        boolean matches = hashing.matches(password, stored.map(row -> row[1]).orElse(decoyHash));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Account account = byId(stored.get()[0]).orElseThrow();
        if (!matches) {
            record(account.asActor(), "sign-in.failed", "account " + account.name(), "wrong password from "
                    + address);
            return Optional.empty();
        }
        if (hashing.weakerThanCurrent(stored.get()[1])) {
            storePassword(account.id(), password, false);
        }
        return Optional.of(account);
    }

    /** Sets a new password the person chose, clearing a reset's must-change. */
    public void changePassword(Account account, String newPassword) {
        PasswordHashing.checkStrength(newPassword);
        if (hashing.matches(newPassword, storedHash(account.id()))) {
            throw new IllegalArgumentException("The new password is the same as the old one: choose another");
        }
        storePassword(account.id(), newPassword, true);
    }

    /**
     * Whether the code is the account's current TOTP code and its step is later than any used before: a code is
     * accepted once. Failures are audited.
     */
    public boolean acceptTotp(Account account, String code) {
        return database.transaction(connection -> {
            String stored;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT totp_secret FROM accounts WHERE id = ?")) {
                query.setString(1, account.id());
                try (ResultSet row = query.executeQuery()) {
                    stored = row.next() ? row.getString(1) : null;
                }
            }
            String secret = stored == null ? null : SecretsKey.isSealed(stored) ? secrets.open(stored, account.id())
                    : sealNow(connection, account.id(), stored);
            OptionalLong step = secret == null ? OptionalLong.empty() : totp.matchingStep(secret, code);
            boolean accepted = step.isPresent() && useStep(connection, account.id(), step.getAsLong());
            if (!accepted) {
                audit.append(connection, account.asActor(), "sign-in.totp-failed", "account " + account.name(),
                        step.isPresent() ? "code already used" : "wrong code", null, false);
            }
            return accepted;
        });
    }

    /**
     * Enrols the secret if the code proves the person's authenticator holds it; the code's step counts as used.
     * Returns false (nothing stored) when the code does not match.
     */
    public boolean enrolTotp(Account account, String secret, String code) {
        OptionalLong step = totp.matchingStep(secret, code);
        if (step.isEmpty()) {
            return false;
        }
        database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE accounts SET totp_secret = ?, totp_last_step = ? WHERE id = ? AND totp_secret IS NULL")) {
                update.setString(1, secrets.seal(secret, account.id()));
                update.setLong(2, step.getAsLong());
                update.setString(3, account.id());
                if (update.executeUpdate() != 1) {
                    throw new StoreException("The account '" + account.name() + "' already has an authenticator: "
                            + "an administrator can clear it with account reset-password --reset-totp");
                }
            }
            audit.append(connection, account.asActor(), "account.totp-enrolled", "account " + account.name(),
                    "authenticator set up", null, false);
            return null;
        });
        return true;
    }

    // a secret stored before sealing existed (the first release of the pages): sealed at its first use
    private String sealNow(Connection connection, String accountId, String secret) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE accounts SET totp_secret = ? WHERE id = ?")) {
            update.setString(1, secrets.seal(secret, accountId));
            update.setString(2, accountId);
            update.executeUpdate();
        }
        return secret;
    }

    /** Writes a sign-in event (signed in, signed out, locked out) to the audit log. */
    public void record(Person actor, String action, String target, String detail) {
        database.transaction(connection -> audit.append(connection, actor, action, target, detail, null, false));
    }

    private boolean useStep(Connection connection, String id, long step) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE accounts SET totp_last_step = ? "
                + "WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)")) {
            update.setLong(1, step);
            update.setString(2, id);
            update.setLong(3, step);
            return update.executeUpdate() == 1;
        }
    }

    private void storePassword(String id, String password, boolean chosenByPerson) {
        String hash = hashing.hash(password);
        database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE accounts SET password_hash = ?"
                    + (chosenByPerson ? ", must_change_password = 0" : "") + " WHERE id = ?")) {
                update.setString(1, hash);
                update.setString(2, id);
                update.executeUpdate();
            }
            if (chosenByPerson) {
                Account account = accounts(connection, "WHERE a.id = ?", id).get(0);
                audit.append(connection, account.asActor(), "account.password-changed", "account " + account.name(),
                        "by the account's owner", null, false);
            }
            return null;
        });
    }

    private String storedHash(String id) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT password_hash FROM accounts WHERE id = ?")) {
                query.setString(1, id);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? row.getString(1) : null;
                }
            }
        });
    }

    private static void endSessions(Connection connection, String id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM web_sessions WHERE account_id = ?")) {
            delete.setString(1, id);
            delete.executeUpdate();
        }
    }

    private static Set<String> deviceAccountKeys(Collection<String> accounts) {
        Set<String> keys = new java.util.TreeSet<>();
        for (String account : accounts) {
            if (account == null || account.isBlank() || account.strip().length() > MAX_NAME) {
                throw new IllegalArgumentException("'" + account + "' is not a device account name: give the OS "
                        + "account as devices report it, such as jsmith (at most " + MAX_NAME + " characters)");
            }
            keys.add(Person.accountKey(account));
        }
        return keys;
    }

    private static void insertDeviceAccounts(Connection connection, String id, Set<String> accounts)
            throws SQLException {
        if (accounts.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO account_device_accounts (account_id, account_key) VALUES (?, ?)")) {
            for (String account : accounts) {
                insert.setString(1, id);
                insert.setString(2, account);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static List<String> deviceAccountsOf(Connection connection, String id) throws SQLException {
        List<String> accounts = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT account_key FROM account_device_accounts WHERE account_id = ?")) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    accounts.add(row.getString(1));
                }
            }
        }
        return accounts;
    }

    private static String existing(Connection connection, String name) throws SQLException {
        String id = idOf(connection, name == null ? "" : name.strip());
        if (id == null) {
            throw new StoreException("There is no account named '" + name + "': see account list");
        }
        return id;
    }

    private static String idOf(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT id FROM accounts WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static boolean settingExists(Connection connection, String settingId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM settings WHERE id = ?")) {
            query.setString(1, settingId);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    private static List<Account> accounts(Connection connection, String where, String parameter)
            throws SQLException {
        Map<String, Account> found = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT a.* FROM accounts a " + where
                + " ORDER BY a.name")) {
            if (parameter != null) {
                query.setString(1, parameter);
            }
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    found.put(row.getString("id"), new Account(row.getString("id"), row.getString("name"), List.of(),
                            row.getInt("must_change_password") == 1, row.getInt("totp_required") == 1,
                            row.getString("totp_secret") != null, Millis.get(row, "disabled_at"),
                            Millis.get(row, "created_at"), Set.of()));
                }
            }
        }
        if (found.isEmpty()) {
            return List.of();
        }
        Map<String, List<Grant>> grants = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT account_id, role, setting_id FROM "
                + "account_roles WHERE account_id IN (" + InList.placeholders(found.size()) + ") ORDER BY role, "
                + "setting_id")) {
            InList.bind(query, 1, found.keySet());
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    String setting = row.getString(3);
                    grants.computeIfAbsent(row.getString(1), id -> new ArrayList<>()).add(new Grant(
                            Role.parse(row.getString(2)), EVERY_SETTING.equals(setting) ? null : setting));
                }
            }
        }
        Map<String, Set<String>> own = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT account_id, account_key FROM "
                + "account_device_accounts WHERE account_id IN (" + InList.placeholders(found.size()) + ")")) {
            InList.bind(query, 1, found.keySet());
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    own.computeIfAbsent(row.getString(1), id -> new java.util.TreeSet<>()).add(row.getString(2));
                }
            }
        }
        List<Account> accounts = new ArrayList<>();
        for (Account a : found.values()) {
            accounts.add(new Account(a.id(), a.name(), grants.getOrDefault(a.id(), List.of()), a.mustChangePassword(),
                    a.totpRequired(), a.totpEnrolled(), a.disabledAt(), a.createdAt(),
                    own.getOrDefault(a.id(), Set.of())));
        }
        return accounts;
    }

    private static String checkName(String name) {
        String stripped = RequiredText.check(name, "account name").strip();
        if (stripped.length() > MAX_NAME || !stripped.matches("[\\p{L}\\p{N}._@' -]+")) {
            throw new IllegalArgumentException("'" + name + "' is not a usable account name: use letters, digits, "
                    + "spaces and . _ @ ' - (at most " + MAX_NAME + " characters), such as j.smith");
        }
        return stripped;
    }

    private static String describe(Collection<Grant> grants) {
        return String.join("; ", grants.stream().map(g -> g.role().id() + " in " + g.settingLabel()).toList());
    }

    // 16 characters from 31 unambiguous ones, about 79 bits, in groups of four so it can be read out
    private static String oneTimePassword(SecureRandom random) {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                password.append('-');
            }
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}
