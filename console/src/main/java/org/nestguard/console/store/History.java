package org.nestguard.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nestguard.console.auth.Person;
import org.nestguard.protocol.monitoring.HistoryNotice;
import org.nestguard.protocol.monitoring.Visit;

/**
 * Browsing history for the people who may read it (see {@link VisibleTo}): search by device, account, time,
 * domain and flag category, newest first a page at a time, and the notices about histories themselves. Every
 * search is written to the audit log, with the number of rows it returned, before the answer is given.
 */
public final class History {
    /** Rows per page when none is asked for, and the most a page may have. */
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final Database database;
    private final Clock clock;
    private final AuditLog audit;

    public History(Database database, Clock clock, AuditLog audit) {
        this.database = database;
        this.clock = clock;
        this.audit = audit;
    }

    /** One page of the history the reader may see that matches the query, audited. */
    public HistoryPage search(Person reader, HistoryQuery query) {
        Conditions where = new Conditions();
        VisibleTo.restrict(where, "v", reader, false);
        if (query.deviceId() != null) {
            where.and("v.device_id = ?", query.deviceId());
        }
        if (query.account() != null) {
            where.and("v.account_key = ?", Person.accountKey(query.account()));
        }
        if (query.from() != null) {
            where.and("v.visited_at >= ?", query.from());
        }
        if (query.to() != null) {
            where.and("v.visited_at < ?", query.to());
        }
        // with a domain the search walks that domain's visits newest first (visit_domains_time) and looks each
        // visit up, instead of reading the setting's whole history and sorting the matches
        String from = "visits v";
        if (query.domain() != null) {
            from = "visit_domains vd JOIN visits v ON v.id = vd.visit_id";
            where.and("vd.domain = ?", query.domain());
        }
        String time = query.domain() != null ? "vd.visited_at" : "v.visited_at";
        String id = query.domain() != null ? "vd.visit_id" : "v.id";
        if (query.category() != null) {
            where.and("v.id IN (SELECT f.visit_id FROM flags f JOIN flag_categories c ON c.flag_id = f.id "
                    + "WHERE c.category = ?)", query.category());
        }
        if (query.before() != null) {
            TimeCursor cursor = TimeCursor.parse(query.before());
            where.and("(" + time + " < ? OR (" + time + " = ? AND " + id + " < ?))", cursor.millis(),
                    cursor.millis(), cursor.id());
        }
        int limit = query.limit();
        String sql = "SELECT v.*, d.hostname FROM " + from + " LEFT JOIN devices d ON d.id = v.device_id"
                + where.where() + " ORDER BY " + time + " DESC, " + id + " DESC LIMIT ?";
        return database.transaction(connection -> {
            List<HistoryVisit> visits = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setInt(where.bind(select, 1), limit + 1);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        visits.add(historyVisit(row, List.of()));
                    }
                }
            }
            // one row more than asked for says whether there is a next page
            boolean more = visits.size() > limit;
            if (more) {
                visits.remove(visits.size() - 1);
            }
            visits = withCategories(connection, visits);
            HistoryVisit last = more ? visits.get(visits.size() - 1) : null;
            String next = last == null ? null : new TimeCursor(last.time().toEpochMilli(), last.id()).text();
            audit.append(connection, reader, "history.search", "history", query.describe() + "; rows="
                    + visits.size(), reader.settingId(), VisibleTo.readsStaffRecords(reader));
            return new HistoryPage(visits, next);
        });
    }

    /** Notices about histories of accounts the reader may see, newest first, audited. */
    public List<StoredNotice> notices(Person reader, String deviceIdOrNull, Instant fromOrNull, Instant toOrNull,
                                      int limit) {
        Conditions where = new Conditions();
        VisibleTo.restrict(where, "n", reader, true);
        List<String> filters = new ArrayList<>();
        if (deviceIdOrNull != null) {
            where.and("n.device_id = ?", deviceIdOrNull);
            filters.add("device=" + deviceIdOrNull);
        }
        if (fromOrNull != null) {
            where.and("n.noticed_at >= ?", fromOrNull);
            filters.add("from=" + fromOrNull);
        }
        if (toOrNull != null) {
            where.and("n.noticed_at < ?", toOrNull);
            filters.add("to=" + toOrNull);
        }
        filters.add("limit=" + limit);
        return database.transaction(connection -> {
            List<StoredNotice> notices = notices(connection, where, limit);
            audit.append(connection, reader, "history.notices", "history notices", String.join("; ", filters)
                    + "; rows=" + notices.size(), reader.settingId(), VisibleTo.readsStaffRecords(reader));
            return notices;
        });
    }

    /** Unreadable-history notices received since then, for technical staff's alerts (not audited: no browsing). */
    public List<StoredNotice> unreadableSince(Instant since) {
        Conditions where = new Conditions().and("n.kind = ?", StoredNotice.kindId(HistoryNotice.Kind.UNREADABLE))
                .and("n.received_at >= ?", since);
        return database.read(connection -> notices(connection, where, MAX_LIMIT));
    }

    private static List<StoredNotice> notices(Connection connection, Conditions where, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT n.*, d.hostname FROM history_notices n "
                + "LEFT JOIN devices d ON d.id = n.device_id" + where.where()
                + " ORDER BY n.noticed_at DESC, n.id DESC LIMIT ?")) {
            select.setInt(where.bind(select, 1), limit);
            try (ResultSet row = select.executeQuery()) {
                List<StoredNotice> notices = new ArrayList<>();
                while (row.next()) {
                    notices.add(new StoredNotice(row.getString("id"), row.getString("device_id"),
                            row.getString("hostname"), row.getString("setting_id"),
                            StoredNotice.kind(row.getString("kind")), row.getString("browser"),
                            row.getString("profile"), row.getString("account"),
                            VisibleTo.kind(row.getString("account_kind")), Millis.get(row, "noticed_at"),
                            row.getString("detail"), Millis.get(row, "received_at")));
                }
                return notices;
            }
        }
    }

    /**
     * Stored visits of the flagged visit's device, account, browser and profile within {@code window} either side
     * of it, oldest first, the flagged visit itself left out.
     */
    static List<Visit> around(Connection connection, String deviceId, Visit flagged, Duration window)
            throws SQLException {
        String flaggedId = VisitKey.of(deviceId, flagged);
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM visits WHERE device_id = ? "
                + "AND visited_at >= ? AND visited_at <= ? AND account_key = ? AND browser = ? AND profile = ? "
                + "AND id <> ? ORDER BY visited_at, id")) {
            select.setString(1, deviceId);
            Millis.set(select, 2, flagged.time().minus(window));
            Millis.set(select, 3, flagged.time().plus(window));
            select.setString(4, Person.accountKey(flagged.account()));
            select.setString(5, flagged.browser());
            select.setString(6, flagged.profile());
            select.setString(7, flaggedId);
            try (ResultSet row = select.executeQuery()) {
                List<Visit> visits = new ArrayList<>();
                while (row.next()) {
                    visits.add(visit(row));
                }
                return visits;
            }
        }
    }

    static Visit visit(ResultSet row) throws SQLException {
        return new Visit(Millis.get(row, "visited_at"), row.getString("url"), row.getString("title"),
                row.getString("browser"), row.getString("profile"), row.getString("account"),
                VisibleTo.kind(row.getString("account_kind")), row.getString("transition"),
                row.getString("search_terms"));
    }

    private static HistoryVisit historyVisit(ResultSet row, List<String> categories) throws SQLException {
        return new HistoryVisit(row.getString("id"), row.getString("device_id"), row.getString("hostname"),
                row.getString("setting_id"), Millis.get(row, "visited_at"), row.getString("url"),
                row.getString("host"), row.getString("title"), row.getString("browser"), row.getString("profile"),
                row.getString("account"), VisibleTo.kind(row.getString("account_kind")), row.getString("transition"),
                row.getString("search_terms"), categories, Millis.get(row, "received_at"));
    }

    private static List<HistoryVisit> withCategories(Connection connection, List<HistoryVisit> visits)
            throws SQLException {
        if (visits.isEmpty()) {
            return visits;
        }
        Map<String, TreeSet<String>> categories = new HashMap<>();
        List<String> ids = visits.stream().map(HistoryVisit::id).toList();
        try (PreparedStatement select = connection.prepareStatement("SELECT f.visit_id, c.category FROM flags f "
                + "JOIN flag_categories c ON c.flag_id = f.id WHERE f.visit_id IN ("
                + InList.placeholders(ids.size()) + ")")) {
            InList.bind(select, 1, ids);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    categories.computeIfAbsent(row.getString(1), id -> new TreeSet<>()).add(row.getString(2));
                }
            }
        }
        List<HistoryVisit> withCategories = new ArrayList<>();
        for (HistoryVisit v : visits) {
            withCategories.add(new HistoryVisit(v.id(), v.deviceId(), v.hostname(), v.settingId(), v.time(), v.url(),
                    v.host(), v.title(), v.browser(), v.profile(), v.account(), v.accountKind(), v.transition(),
                    v.searchTerms(), List.copyOf(categories.getOrDefault(v.id(), new TreeSet<>())), v.receivedAt()));
        }
        return withCategories;
    }
}
