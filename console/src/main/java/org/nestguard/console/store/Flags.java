package org.nestguard.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.nestguard.console.auth.Person;
import org.nestguard.console.auth.Role;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.Flag;
import org.nestguard.protocol.monitoring.Severity;
import org.nestguard.protocol.monitoring.Visit;

/**
 * The flag queue: flags for the people they are routed to (see {@link VisibleTo}), most severe then newest first;
 * one flag with its reasons, context and review history; its state changes, each with who and why. Every read and
 * change, including a refused one, is written to the audit log in the same transaction. A flag the reader may not
 * see reads as absent, exactly as one that does not exist, so a refusal does not reveal that it exists.
 */
public final class Flags {
    /** Rows per page when none is asked for, and the most a page may have. */
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    /** How far either side of a flagged visit stored history is added to its context. */
    public static final Duration CONTEXT_WINDOW = Duration.ofMinutes(10);
    static final int MAX_REASON = 4000;
    static final int MAX_CONCERN_REFERENCE = 200;

    private final Database database;
    private final Clock clock;
    private final AuditLog audit;

    public Flags(Database database, Clock clock, AuditLog audit) {
        this.database = database;
        this.clock = clock;
        this.audit = audit;
    }

    /** One page of the reader's queue, audited. */
    public FlagPage queue(Person reader, FlagQuery query) {
        Conditions where = new Conditions();
        VisibleTo.restrict(where, "f", reader, false);
        if (query.state() != null) {
            where.and("f.state = ?", query.state().id());
        }
        if (query.severity() != null) {
            where.and("f.severity = ?", FlagSummary.severityId(query.severity()));
        }
        if (query.category() != null) {
            where.and("f.id IN (SELECT flag_id FROM flag_categories WHERE category = ?)", query.category());
        }
        if (query.deviceId() != null) {
            where.and("f.device_id = ?", query.deviceId());
        }
        if (query.account() != null) {
            where.and("f.account_key = ?", Person.accountKey(query.account()));
        }
        if (query.from() != null) {
            where.and("f.visited_at >= ?", query.from());
        }
        if (query.to() != null) {
            where.and("f.visited_at < ?", query.to());
        }
        if (query.before() != null) {
            Cursor cursor = Cursor.parse(query.before());
            where.and("(f.severity_rank < ? OR (f.severity_rank = ? AND (f.visited_at < ? OR (f.visited_at = ? "
                    + "AND f.id < ?))))", cursor.rank(), cursor.rank(), cursor.millis(), cursor.millis(),
                    cursor.id());
        }
        int limit = query.limit();
        return database.transaction(connection -> {
            List<FlagSummary> flags = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(SELECT + where.where()
                    + " ORDER BY f.severity_rank DESC, f.visited_at DESC, f.id DESC LIMIT ?")) {
                select.setInt(where.bind(select, 1), limit + 1);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        flags.add(summary(row, List.of()));
                    }
                }
            }
            boolean more = flags.size() > limit;
            if (more) {
                flags.remove(flags.size() - 1);
            }
            flags = withCategories(connection, flags);
            FlagSummary last = more ? flags.get(flags.size() - 1) : null;
            String next = last == null ? null : new Cursor(last.severity().ordinal() + 1,
                    last.visit().time().toEpochMilli(), last.id()).text();
            audit.append(connection, reader, "flags.list", "flag queue", query.describe() + "; rows="
                    + flags.size(), reader.settingId(), VisibleTo.readsStaffRecords(reader));
            return new FlagPage(flags, next);
        });
    }

    /** The flag with its reasons, context and changes, or empty when there is none the reader may see; audited. */
    public Optional<FlagDetail> read(Person reader, String flagId) {
        return database.transaction(connection -> {
            Optional<Row> found = find(connection, reader, flagId);
            if (found.isEmpty()) {
                refused(connection, reader, "flag.read", flagId);
                return Optional.empty();
            }
            Row row = found.get();
            FlagSummary flag = row.summary();
            List<Visit> before = JsonText.readList(row.before(), Visit.class);
            List<Visit> after = JsonText.readList(row.after(), Visit.class);
            Context context = merge(flag, before, after,
                    History.around(connection, flag.deviceId(), flag.visit(), CONTEXT_WINDOW));
            FlagDetail detail = new FlagDetail(flag, JsonText.readList(row.reasons(), Flag.class), context.before(),
                    context.after(), changes(connection, flagId));
            audit.append(connection, reader, "flag.read", "flag " + flagId, "read with " + context.before().size()
                    + " visits before and " + context.after().size() + " after", flag.settingId(),
                    flag.visit().accountKind() == AccountKind.STAFF);
            return Optional.of(detail);
        });
    }

    /**
     * Moves the flag to {@code to} with the reason (required) and, for an escalation, the reference of the concern
     * it became. Empty when there is no flag the person may see; IllegalArgumentException for a missing reason or
     * a field that does not fit; IllegalStateException when the flag's state does not allow the move.
     */
    public Optional<FlagChange> changeState(Person by, String flagId, FlagState to, String reason,
                                            String concernReferenceOrNull) {
        String concern = checkChange(to, reason, concernReferenceOrNull);
        return database.transaction(connection -> changeState(connection, by, flagId, to, reason, concern)
                .map(Changed::change));
    }

    /**
     * {@link #changeState} inside the caller's transaction, so an escalation commits with the case it links to
     * (store/Cases); the flag as it was before the change comes back with the change.
     */
    Optional<Changed> changeState(Connection connection, Person by, String flagId, FlagState to, String reason,
                                  String concernReferenceOrNull) throws SQLException {
        String concern = checkChange(to, reason, concernReferenceOrNull);
        Instant now = clock.instant();
        Optional<Row> found = find(connection, by, flagId);
        if (found.isEmpty()) {
            refused(connection, by, "flag.state", flagId);
            return Optional.empty();
        }
        FlagSummary flag = found.get().summary();
        FlagState from = flag.state();
        if (!from.next().contains(to)) {
            throw new IllegalStateException("Flag " + flagId + " is " + from.id() + (from.next().isEmpty()
                    ? ", which is final here: the concern it became is its record now"
                    : "; from there it can become " + from.next().stream().map(FlagState::id)
                    .collect(Collectors.joining(" or ")) + ", not " + to.id()));
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE flags SET state = ?, "
                + "state_changed_at = ?, concern_reference = COALESCE(?, concern_reference) "
                + "WHERE id = ? AND state = ?")) {
            update.setString(1, to.id());
            Millis.set(update, 2, now);
            update.setString(3, concern);
            update.setString(4, flagId);
            update.setString(5, from.id());
            if (update.executeUpdate() == 0) {
                throw new IllegalStateException("Flag " + flagId + " was changed by someone else at the same "
                        + "moment; read it again and decide on its new state");
            }
        }
        FlagChange change = new FlagChange(flagId, now, by.id(), by.name(), from, to, reason.strip(), concern);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO flag_changes (id, flag_id, at, "
                + "by_id, by_name, from_state, to_state, reason, concern_reference) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, flagId);
            Millis.set(insert, 3, now);
            insert.setString(4, by.id());
            insert.setString(5, by.name());
            insert.setString(6, from.id());
            insert.setString(7, to.id());
            insert.setString(8, change.reason());
            insert.setString(9, concern);
            insert.executeUpdate();
        }
        // the reason stays with the flag: it may describe what was seen, and the audit log holds no content
        audit.append(connection, by, "flag.state", "flag " + flagId, from.id() + " -> " + to.id(),
                flag.settingId(), flag.visit().accountKind() == AccountKind.STAFF);
        return Optional.of(new Changed(flag, change));
    }

    // the arguments' own checks, before any transaction; returns the concern reference stripped (or null)
    private static String checkChange(FlagState to, String reason, String concernReferenceOrNull) {
        if (to == null || to == FlagState.NEW) {
            throw new IllegalArgumentException("state must be reviewed, false-positive or escalated; a flag is new "
                    + "only until someone looks at it");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason is required: say why the flag is " + to.id() + ", for the "
                    + "record (at most " + MAX_REASON + " characters)");
        }
        if (reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("reason is " + reason.length() + " characters; at most " + MAX_REASON
                    + " are kept: shorten it, and keep the full account in the concern record");
        }
        String concern = concernReferenceOrNull == null || concernReferenceOrNull.isBlank() ? null
                : concernReferenceOrNull.strip();
        if (concern != null && to != FlagState.ESCALATED) {
            throw new IllegalArgumentException("concernReference goes with state escalated only; leave it out, or "
                    + "escalate the flag");
        }
        if (concern != null && concern.length() > MAX_CONCERN_REFERENCE) {
            throw new IllegalArgumentException("concernReference is " + concern.length() + " characters; give the "
                    + "reference of the concern record, at most " + MAX_CONCERN_REFERENCE);
        }
        return concern;
    }

    /** Flags nobody may read, because no one but (perhaps) their subject holds the roles they are routed to. */
    public List<UnroutedFlag> unrouted() {
        StringBuilder routes = new StringBuilder();
        for (AccountKind kind : AccountKind.values()) {
            if (routes.length() > 0) {
                routes.append(" OR ");
            }
            routes.append("(f.account_kind = '").append(VisibleTo.kindId(kind)).append("' AND r.role IN ('")
                    .append(Role.readersOf(kind).stream().map(Role::id).collect(Collectors.joining("', '")))
                    .append("'))");
        }
        String sql = "SELECT f.id, f.setting_id, f.device_id, d.hostname, f.account_kind, f.received_at FROM flags f "
                + "LEFT JOIN devices d ON d.id = f.device_id WHERE NOT EXISTS (SELECT 1 FROM accounts k "
                + "JOIN account_roles r ON r.account_id = k.id WHERE k.disabled_at IS NULL "
                + "AND r.setting_id = f.setting_id AND (" + routes + ") AND NOT EXISTS (SELECT 1 FROM "
                + "account_device_accounts a WHERE a.account_id = k.id AND a.account_key = f.account_key)) "
                + "ORDER BY f.received_at, f.id";
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql);
                 ResultSet row = select.executeQuery()) {
                List<UnroutedFlag> flags = new ArrayList<>();
                while (row.next()) {
                    flags.add(new UnroutedFlag(row.getString(1), row.getString(2), row.getString(3),
                            row.getString(4), VisibleTo.kind(row.getString(5)), Millis.get(row, "received_at")));
                }
                return flags;
            }
        });
    }

    private static final String SELECT = "SELECT f.*, d.hostname FROM flags f LEFT JOIN devices d "
            + "ON d.id = f.device_id";

    private Optional<Row> find(Connection connection, Person reader, String flagId) throws SQLException {
        Conditions where = new Conditions();
        VisibleTo.restrict(where, "f", reader, false);
        where.and("f.id = ?", flagId);
        try (PreparedStatement select = connection.prepareStatement(SELECT + where.where())) {
            where.bind(select, 1);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                FlagSummary summary = summary(row, List.of());
                Row found = new Row(summary, row.getString("reasons"), row.getString("context_before"),
                        row.getString("context_after"));
                return Optional.of(new Row(withCategories(connection, List.of(summary)).get(0), found.reasons(),
                        found.before(), found.after()));
            }
        }
    }

    private void refused(Connection connection, Person reader, String action, String flagId) throws SQLException {
        audit.append(connection, reader, action, "flag " + flagId, "refused: no such flag for this person",
                reader.settingId(), false);
    }

    // the flag's own context and stored visits around it, each visit once, split at the flagged visit's time
    private static Context merge(FlagSummary flag, List<Visit> before, List<Visit> after, List<Visit> stored) {
        String flagged = VisitKey.of(flag.deviceId(), flag.visit());
        Map<String, Visit> all = new LinkedHashMap<>();
        for (List<Visit> visits : List.of(before, after, stored)) {
            for (Visit visit : visits) {
                String key = VisitKey.of(flag.deviceId(), visit);
                if (!key.equals(flagged)) {
                    all.putIfAbsent(key, visit);
                }
            }
        }
        List<Visit> sorted = new ArrayList<>(all.values());
        sorted.sort(Comparator.comparing(Visit::time));
        List<Visit> earlier = new ArrayList<>();
        List<Visit> later = new ArrayList<>();
        for (Visit visit : sorted) {
            (visit.time().isBefore(flag.visit().time()) ? earlier : later).add(visit);
        }
        return new Context(earlier, later);
    }

    private static List<FlagChange> changes(Connection connection, String flagId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM flag_changes WHERE flag_id = ? ORDER BY at, id")) {
            select.setString(1, flagId);
            try (ResultSet row = select.executeQuery()) {
                List<FlagChange> changes = new ArrayList<>();
                while (row.next()) {
                    changes.add(new FlagChange(flagId, Millis.get(row, "at"), row.getString("by_id"),
                            row.getString("by_name"), FlagState.parse(row.getString("from_state")),
                            FlagState.parse(row.getString("to_state")), row.getString("reason"),
                            row.getString("concern_reference")));
                }
                return changes;
            }
        }
    }

    private static FlagSummary summary(ResultSet row, List<String> categories) throws SQLException {
        return new FlagSummary(row.getString("id"), row.getString("device_id"), row.getString("hostname"),
                row.getString("setting_id"), Severity.values()[row.getInt("severity_rank") - 1], categories,
                FlagState.parse(row.getString("state")), Millis.get(row, "state_changed_at"),
                row.getString("concern_reference"), JsonText.read(row.getString("visit"), Visit.class),
                Millis.get(row, "received_at"), JsonText.readList(row.getString("reasons"), Flag.class));
    }

    private static List<FlagSummary> withCategories(Connection connection, List<FlagSummary> flags)
            throws SQLException {
        if (flags.isEmpty()) {
            return flags;
        }
        Map<String, TreeSet<String>> categories = new HashMap<>();
        List<String> ids = flags.stream().map(FlagSummary::id).toList();
        try (PreparedStatement select = connection.prepareStatement("SELECT flag_id, category FROM flag_categories "
                + "WHERE flag_id IN (" + InList.placeholders(ids.size()) + ")")) {
            InList.bind(select, 1, ids);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    categories.computeIfAbsent(row.getString(1), id -> new TreeSet<>()).add(row.getString(2));
                }
            }
        }
        List<FlagSummary> complete = new ArrayList<>();
        for (FlagSummary f : flags) {
            complete.add(new FlagSummary(f.id(), f.deviceId(), f.hostname(), f.settingId(), f.severity(),
                    List.copyOf(categories.getOrDefault(f.id(), new TreeSet<>())), f.state(), f.stateChangedAt(),
                    f.concernReference(), f.visit(), f.receivedAt(), f.reasons()));
        }
        return complete;
    }

    /** A state change made, with the flag as it was just before it. */
    record Changed(FlagSummary flag, FlagChange change) {
    }

    /** The visits around a flagged one, oldest first. */
    private record Context(List<Visit> before, List<Visit> after) {
    }

    /** A flag row as read, with its JSON parts still as text. */
    private record Row(FlagSummary summary, String reasons, String before, String after) {
    }

    /** Where a page of the queue ended: severity rank, visit time and id of its last flag, as text for the API. */
    private record Cursor(int rank, long millis, String id) {
        static Cursor parse(String text) {
            String[] parts = text.split("_", 3);
            try {
                if (parts.length == 3 && !parts[2].isEmpty()) {
                    return new Cursor(Integer.parseInt(parts[0]), Long.parseLong(parts[1]), parts[2]);
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new IllegalArgumentException("before '" + text + "' is not a page position this console gave; "
                    + "pass the 'next' value of the previous page unchanged");
        }

        String text() {
            return rank + "_" + millis + "_" + id;
        }
    }
}
