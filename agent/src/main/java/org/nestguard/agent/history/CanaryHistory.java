package org.nestguard.agent.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A Chromium-format {@code History} database the agent itself writes canary visits to for the monitoring
 * self-test: the collector then reads it like any browser profile, so the self-test proves copy, reader, cursor
 * and classifier work, not a shortcut around them. The tables are Chromium's own (schema version 70, as
 * Chromium 156 creates them).
 */
public final class CanaryHistory {
    /** Chromium's {@code ui::PAGE_TRANSITION_TYPED} with CHAIN_START and CHAIN_END, as a typed navigation has. */
    static final long TYPED_NAVIGATION = 0x30000001L;

    /** Chromium's table and index definitions for the four tables a canary needs, verbatim. */
    static final List<String> DDL = List.of(
            "CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR)",
            "CREATE TABLE urls(id INTEGER PRIMARY KEY AUTOINCREMENT,url LONGVARCHAR,title LONGVARCHAR,"
                    + "visit_count INTEGER DEFAULT 0 NOT NULL,typed_count INTEGER DEFAULT 0 NOT NULL,"
                    + "last_visit_time INTEGER NOT NULL,hidden INTEGER DEFAULT 0 NOT NULL)",
            "CREATE TABLE visits(id INTEGER PRIMARY KEY AUTOINCREMENT,url INTEGER NOT NULL,visit_time INTEGER NOT NULL,"
                    + "from_visit INTEGER,external_referrer_url TEXT,transition INTEGER DEFAULT 0 NOT NULL,"
                    + "segment_id INTEGER,visit_duration INTEGER DEFAULT 0 NOT NULL,"
                    + "incremented_omnibox_typed_score BOOLEAN DEFAULT FALSE NOT NULL,opener_visit INTEGER,"
                    + "originator_cache_guid TEXT,originator_visit_id INTEGER,originator_from_visit INTEGER,"
                    + "originator_opener_visit INTEGER,is_known_to_sync BOOLEAN DEFAULT FALSE NOT NULL,"
                    + "consider_for_ntp_most_visited BOOLEAN DEFAULT FALSE NOT NULL,"
                    + "visited_link_id INTEGER DEFAULT 0 NOT NULL,app_id TEXT)",
            "CREATE INDEX visits_url_index ON visits (url)",
            "CREATE INDEX visits_from_index ON visits (from_visit)",
            "CREATE INDEX visits_time_index ON visits (visit_time)",
            "CREATE INDEX visits_originator_id_index ON visits (originator_visit_id)",
            "CREATE TABLE keyword_search_terms (keyword_id INTEGER NOT NULL,url_id INTEGER NOT NULL,"
                    + "term LONGVARCHAR NOT NULL,normalized_term LONGVARCHAR NOT NULL)",
            "CREATE INDEX keyword_search_terms_index1 ON keyword_search_terms (keyword_id, normalized_term)",
            "CREATE INDEX keyword_search_terms_index2 ON keyword_search_terms (url_id)",
            "CREATE INDEX keyword_search_terms_index3 ON keyword_search_terms (term)",
            "CREATE INDEX urls_url_index ON urls (url)",
            "INSERT INTO meta(key, value) VALUES ('mmap_status', '-1'), ('version', '70'),"
                    + " ('last_compatible_version', '16')");

    private final Path historyFile;

    /** @param historyFile the canary database, created with its folder on the first append */
    public CanaryHistory(Path historyFile) {
        this.historyFile = Objects.requireNonNull(historyFile, "historyFile").toAbsolutePath();
    }

    /** The database file, for the profile discovery that hands it to the collector. */
    public Path historyFile() {
        return historyFile;
    }

    /**
     * Appends one typed visit, creating the database first if it does not exist.
     *
     * @throws IOException when the database cannot be created or written, or an existing file is not a Chromium
     *                     History database; the message says which
     */
    public synchronized void append(String url, String title, Instant time) throws IOException {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(time, "time");
        boolean create = !Files.exists(historyFile);
        if (create) {
            Files.createDirectories(historyFile.getParent());
        }
        long chromiumTime = ChromiumHistoryReader.fromInstant(time);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + historyFile)) {
            db.setAutoCommit(false);
            if (create) {
                try (Statement ddl = db.createStatement()) {
                    for (String statement : DDL) {
                        ddl.execute(statement);
                    }
                }
            } else {
                ChromiumHistoryReader.SCHEMA.verify(db);
            }
            long urlId = upsertUrl(db, url, title == null ? "" : title, chromiumTime);
            try (PreparedStatement visit = db.prepareStatement(
                    "INSERT INTO visits(url, visit_time, from_visit, transition, segment_id, visit_duration)"
                            + " VALUES (?, ?, 0, ?, 0, 0)")) {
                visit.setLong(1, urlId);
                visit.setLong(2, chromiumTime);
                visit.setLong(3, TYPED_NAVIGATION);
                visit.executeUpdate();
            }
            db.commit();
        } catch (SQLException e) {
            throw new IOException("could not write the self-test canary visit to " + historyFile + ": "
                    + e.getMessage() + "; check that the agent's state folder is writable and not full", e);
        } catch (HistoryFormatException e) {
            throw new IOException(historyFile + " exists but is not a canary history database (" + e.getMessage()
                    + "); delete it and the self-test creates a new one", e);
        }
    }

    private static long upsertUrl(Connection db, String url, String title, long time) throws SQLException {
        try (PreparedStatement find = db.prepareStatement("SELECT id FROM urls WHERE url = ?")) {
            find.setString(1, url);
            try (ResultSet row = find.executeQuery()) {
                if (row.next()) {
                    long id = row.getLong(1);
                    try (PreparedStatement update = db.prepareStatement("UPDATE urls SET title = ?, visit_count ="
                            + " visit_count + 1, typed_count = typed_count + 1, last_visit_time = max(last_visit_time,"
                            + " ?) WHERE id = ?")) {
                        update.setString(1, title);
                        update.setLong(2, time);
                        update.setLong(3, id);
                        update.executeUpdate();
                    }
                    return id;
                }
            }
        }
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO urls(url, title, visit_count, typed_count,"
                + " last_visit_time, hidden) VALUES (?, ?, 1, 1, ?, 0)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, url);
            insert.setString(2, title);
            insert.setLong(3, time);
            insert.executeUpdate();
            try (ResultSet key = insert.getGeneratedKeys()) {
                if (!key.next()) {
                    throw new SQLException("SQLite returned no id for the new urls row");
                }
                return key.getLong(1);
            }
        }
    }
}
