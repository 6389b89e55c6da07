package org.nestguard.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nestguard.console.auth.Person;
import org.nestguard.protocol.monitoring.Visit;

/**
 * The URLs to report to the Internet Watch Foundation: those of visits flagged child sexual exploitation or
 * illegal, among the flags the reader may see (routing as for the flag queue, {@link VisibleTo}). Flagged files
 * carry no source URL (their facts are path, owner, times and hashes), so only flagged visits give URLs. Every
 * read, and every download of the list, is audited.
 */
public final class FlaggedUrls {
    /** The categories whose URLs are reported. */
    public static final List<String> CATEGORIES = List.of("child-sexual-exploitation", "illegal");
    /** At most this many flag categories are read for one list, newest first. */
    public static final int MAX_FLAGS = 5000;

    private final Database database;
    private final AuditLog audit;

    public FlaggedUrls(Database database, AuditLog audit) {
        this.database = database;
        this.audit = audit;
    }

    /**
     * The distinct URLs, most recently visited first; {@code purpose} says in the audit log what the list was
     * read for (shown on the page, or downloaded as a file).
     */
    public List<FlaggedUrl> read(Person reader, String purpose) {
        Conditions where = new Conditions();
        VisibleTo.restrict(where, "f", reader, false);
        where.and("c.category IN (" + InList.placeholders(CATEGORIES.size()) + ")", CATEGORIES.toArray());
        return database.transaction(connection -> {
            Map<String, Builder> byUrl = new LinkedHashMap<>();
            // one row per flag and reportable category it carries
            try (PreparedStatement select = connection.prepareStatement("SELECT f.id, f.visit, f.visited_at, "
                    + "c.category FROM flags f JOIN flag_categories c ON c.flag_id = f.id" + where.where()
                    + " ORDER BY f.visited_at DESC, f.id DESC LIMIT ?")) {
                select.setInt(where.bind(select, 1), MAX_FLAGS);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        Visit visit = JsonText.read(row.getString("visit"), Visit.class);
                        byUrl.computeIfAbsent(visit.url(), Builder::new).add(row.getString("id"),
                                row.getString("category"), Millis.get(row, "visited_at"));
                    }
                }
            }
            List<FlaggedUrl> urls = new ArrayList<>();
            byUrl.values().forEach(builder -> urls.add(builder.build()));
            audit.append(connection, reader, "iwf.read", "flagged urls", purpose + "; categories="
                    + String.join(",", CATEGORIES) + "; urls=" + urls.size(), reader.settingId(),
                    VisibleTo.readsStaffRecords(reader));
            return urls;
        });
    }

    private static final class Builder {
        private final String url;
        private final TreeSet<String> categories = new TreeSet<>();
        private final Set<String> flagIds = new HashSet<>();
        private Instant first;
        private Instant last;

        Builder(String url) {
            this.url = url;
        }

        void add(String flagId, String category, Instant visited) {
            categories.add(category);
            flagIds.add(flagId);
            first = first == null || visited.isBefore(first) ? visited : first;
            last = last == null || visited.isAfter(last) ? visited : last;
        }

        FlaggedUrl build() {
            return new FlaggedUrl(url, List.copyOf(categories), flagIds.size(), first, last);
        }
    }
}
