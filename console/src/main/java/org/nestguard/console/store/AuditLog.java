package org.nestguard.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.nestguard.console.auth.Person;
import org.nestguard.console.auth.Role;

/**
 * The append-only, hash-chained audit log of who read or changed safeguarding records. Each row's hash is SHA-256
 * over the previous row's hash and the row's own fields, so an edited, deleted or inserted row breaks the chain
 * there; {@link #verify()} names the first such row. Details never hold content (a URL, a reason): "flag 123".
 */
public final class AuditLog {
    /** Rows per page when none is asked for, and the most a page may have. */
    public static final int DEFAULT_LIMIT = 200;
    public static final int MAX_LIMIT = 1000;
    /** The previous hash of the first row. */
    static final String GENESIS = "0".repeat(64);
    private static final int VERIFY_PAGE = 2000;

    private final Database database;
    private final Clock clock;

    public AuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Appends a row inside the caller's transaction, so the record of an action commits with the action. Writers
     * take turns on the chain's head row, in this process and any other sharing the database.
     */
    AuditEntry append(Connection connection, Person actor, String action, String target, String detail,
                      String settingId, boolean staffMatter) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "UPDATE audit_head SET last_id = last_id WHERE id = 1")) {
            if (lock.executeUpdate() != 1) {
                throw new StoreException("The audit log's head row is missing, so nothing can be recorded and the "
                        + "request was refused; restore the database from a backup");
            }
        }
        long lastId;
        String lastHash;
        try (PreparedStatement head = connection.prepareStatement(
                "SELECT last_id, last_hash FROM audit_head WHERE id = 1");
             ResultSet row = head.executeQuery()) {
            row.next();
            lastId = row.getLong(1);
            lastHash = row.getString(2);
        }
        long id = lastId + 1;
        Instant at = Instant.ofEpochMilli(clock.millis());
        String hash = hash(lastHash, id, at, actor.name(), actor.id(), action, target, detail, settingId,
                staffMatter);
        AuditEntry entry = new AuditEntry(id, at, actor.name(), actor.id(), action, target, detail, settingId,
                staffMatter, lastHash, hash);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_log (id, at, actor, actor_id, "
                + "action, target, detail, setting_id, staff_matter, previous_hash, hash) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, id);
            Millis.set(insert, 2, at);
            insert.setString(3, entry.actor());
            insert.setString(4, entry.actorId());
            insert.setString(5, action);
            insert.setString(6, target);
            insert.setString(7, detail);
            insert.setString(8, settingId);
            insert.setInt(9, staffMatter ? 1 : 0);
            insert.setString(10, lastHash);
            insert.setString(11, hash);
            insert.executeUpdate();
        }
        try (PreparedStatement advance = connection.prepareStatement(
                "UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1")) {
            advance.setLong(1, id);
            advance.setString(2, hash);
            advance.executeUpdate();
        }
        return entry;
    }

    /**
     * A page of the rows the reader may see, newest first, itself audited: an administrator reads every row (of
     * their setting, if they have one); a DSL reads their setting's rows except those about staff records, which
     * can concern the DSL themselves.
     */
    public AuditPage read(Person reader, Instant fromOrNull, Instant toOrNull, int limit, Long beforeOrNull) {
        return read(reader, new AuditQuery(null, null, null, fromOrNull, toOrNull, limit, beforeOrNull));
    }

    /**
     * A page of the rows the reader may see that match the query, newest first, itself audited (naming the
     * filters). Who may see which rows is as in {@link #read(Person, Instant, Instant, int, Long)}.
     */
    public AuditPage read(Person reader, AuditQuery query) {
        Conditions where = new Conditions();
        if (reader.roles().contains(Role.ADMIN)) {
            if (reader.settingId() != null) {
                where.and("setting_id = ?", reader.settingId());
            }
        } else if (reader.roles().contains(Role.DSL) && reader.settingId() != null) {
            where.and("setting_id = ?", reader.settingId()).and("staff_matter = 0");
        } else {
            where.and("1 = 0");
        }
        List<String> filters = new ArrayList<>();
        if (query.actor() != null) {
            where.and("LOWER(actor) LIKE ? ESCAPE '\\'", containing(query.actor()));
            filters.add("actor~" + query.actor());
        }
        if (query.action() != null) {
            where.and("(action = ? OR action LIKE ? ESCAPE '\\')", query.action(),
                    escapeLike(query.action()) + ".%");
            filters.add("action=" + query.action());
        }
        if (query.target() != null) {
            where.and("LOWER(target) LIKE ? ESCAPE '\\'", containing(query.target()));
            filters.add("target~" + query.target());
        }
        if (query.from() != null) {
            where.and("at >= ?", query.from());
            filters.add("from=" + query.from());
        }
        if (query.to() != null) {
            where.and("at < ?", query.to());
            filters.add("to=" + query.to());
        }
        if (query.before() != null) {
            where.and("id < ?", query.before());
            filters.add("before=" + query.before());
        }
        int limit = query.limit();
        filters.add("limit=" + limit);
        return database.transaction(connection -> {
            List<AuditEntry> entries = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT * FROM audit_log" + where.where()
                    + " ORDER BY id DESC LIMIT ?")) {
                select.setInt(where.bind(select, 1), limit + 1);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        entries.add(entry(row));
                    }
                }
            }
            boolean more = entries.size() > limit;
            if (more) {
                entries.remove(entries.size() - 1);
            }
            append(connection, reader, "audit.read", "audit log", String.join("; ", filters) + "; rows="
                    + entries.size(), reader.settingId(), false);
            return new AuditPage(entries, more ? entries.get(entries.size() - 1).id() : null);
        });
    }

    /**
     * Records an action that is not itself a change to a store (a page read of records the stores do not hold,
     * a download) in its own transaction.
     */
    public AuditEntry record(Person actor, String action, String target, String detail, String settingId) {
        return database.transaction(connection -> append(connection, actor, action, target, detail, settingId,
                false));
    }

    /**
     * The rows that record console accounts being made, with the roles granted ({@code account.add}: detail
     * "dsl in SETTING; admin in every setting"), oldest first: who granted them and when, for the record of users
     * granted access (§7.2). The caller audits its own read.
     */
    public List<AuditEntry> accountGrants() {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT * FROM audit_log WHERE action = 'account.add' ORDER BY id")) {
                List<AuditEntry> entries = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        entries.add(entry(row));
                    }
                }
                return entries;
            }
        });
    }

    private static String containing(String text) {
        return "%" + escapeLike(text.toLowerCase(java.util.Locale.ROOT)) + "%";
    }

    // LIKE's wildcards typed into a filter are matched as themselves
    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Checks the chain for someone through the API; the check is audited like any read of the log. */
    public AuditVerification verify(Person reader) {
        AuditVerification result = verify();
        database.transaction(connection -> append(connection, reader, "audit.verify", "audit log",
                (result.intact() ? "intact" : "broken at row " + result.firstBrokenId()) + "; rows checked="
                        + result.rowsChecked(), reader.settingId(), false));
        return result;
    }

    /** Checks every row's link and hash from the first, and that the head matches the last row. */
    public AuditVerification verify() {
        return database.read(connection -> {
            long expected = 1;
            String previous = GENESIS;
            while (true) {
                List<AuditEntry> page = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT * FROM audit_log WHERE id >= ? ORDER BY id LIMIT ?")) {
                    select.setLong(1, expected);
                    select.setInt(2, VERIFY_PAGE);
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) {
                            page.add(entry(row));
                        }
                    }
                }
                for (AuditEntry entry : page) {
                    String problem = null;
                    if (entry.id() != expected) {
                        problem = "rows " + expected + " to " + (entry.id() - 1) + " are missing: the log was cut";
                    } else if (!entry.previousHash().equals(previous)) {
                        problem = "its previous_hash is not the hash of row " + (expected - 1) + ": a row before it "
                                + "was replaced, or it was moved";
                    } else if (!entry.hash().equals(hash(entry))) {
                        problem = "its fields no longer give its hash: it was edited after it was written";
                    }
                    if (problem != null) {
                        return new AuditVerification(false, expected - 1, expected, "row " + expected + ": "
                                + problem, previous);
                    }
                    previous = entry.hash();
                    expected++;
                }
                if (page.size() < VERIFY_PAGE) {
                    break;
                }
            }
            try (PreparedStatement head = connection.prepareStatement(
                    "SELECT last_id, last_hash FROM audit_head WHERE id = 1");
                 ResultSet row = head.executeQuery()) {
                if (!row.next()) {
                    return new AuditVerification(false, expected - 1, expected, "the head row is missing", previous);
                }
                if (row.getLong(1) != expected - 1 || !row.getString(2).equals(previous)) {
                    return new AuditVerification(false, expected - 1, expected, "the log ends at row "
                            + (expected - 1) + " but its head says row " + row.getLong(1) + ": rows at the end "
                            + "were removed", previous);
                }
            }
            return new AuditVerification(true, expected - 1, null, null, previous);
        });
    }

    private static AuditEntry entry(ResultSet row) throws SQLException {
        return new AuditEntry(row.getLong("id"), Millis.get(row, "at"), row.getString("actor"),
                row.getString("actor_id"), row.getString("action"), row.getString("target"), row.getString("detail"),
                row.getString("setting_id"), row.getInt("staff_matter") != 0, row.getString("previous_hash"),
                row.getString("hash"));
    }

    static String hash(AuditEntry entry) {
        return hash(entry.previousHash(), entry.id(), entry.at(), entry.actor(), entry.actorId(), entry.action(),
                entry.target(), entry.detail(), entry.settingId(), entry.staffMatter());
    }

    static String hash(String previousHash, long id, Instant at, String actor, String actorId, String action,
                       String target, String detail, String settingId, boolean staffMatter) {
        StringBuilder text = new StringBuilder();
        // each field prefixed by its length (-1 for null): no field's content can pass for another's
        for (String field : new String[] {previousHash, Long.toString(id), Long.toString(at.toEpochMilli()), actor,
                actorId, action, target, detail, settingId, staffMatter ? "1" : "0"}) {
            if (field == null) {
                text.append("-1:|");
            } else {
                text.append(field.length()).append(':').append(field).append('|');
            }
        }
        return Sha256.hex(text.toString());
    }
}
