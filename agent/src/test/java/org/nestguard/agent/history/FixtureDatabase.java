package org.nestguard.agent.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * A history database for tests, built from the schema captured from the real browser
 * ({@code history/chromium-156-history.sql}, {@code history/firefox-153esr-places.sql}) and filled with visits the
 * way the browser stores them.
 */
final class FixtureDatabase implements AutoCloseable {
    static final String CHROMIUM_DDL = "/history/chromium-156-history.sql";
    static final String FIREFOX_DDL = "/history/firefox-153esr-places.sql";
    /** Chromium's transition for a typed navigation: TYPED | CHAIN_START | CHAIN_END, as Chromium 156 wrote it. */
    static final long TYPED = 0x30000001L;
    static final int FIREFOX_LINK = 1;

    private final Path file;
    private final Connection db;

    private FixtureDatabase(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    static FixtureDatabase chromium(Path file) {
        return create(file, CHROMIUM_DDL);
    }

    static FixtureDatabase firefox(Path file) {
        return create(file, FIREFOX_DDL);
    }

    /** A Chromium database whose text is stored in UTF-16, as SQLite allows (browsers use UTF-8). */
    static FixtureDatabase chromiumInUtf16(Path file) {
        return create(file, CHROMIUM_DDL, "UTF-16le");
    }

    static FixtureDatabase create(Path file, String ddlResource) {
        return create(file, ddlResource, "UTF-8");
    }

    private static FixtureDatabase create(Path file, String ddlResource, String encoding) {
        try {
            Files.createDirectories(file.getParent());
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement statement = db.createStatement()) {
                statement.execute("PRAGMA encoding = '" + encoding + "'");
                for (String sql : resource(ddlResource).split(";\\s*\\n")) {
                    String stripped = sql.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + b + "\n")
                            .strip();
                    if (!stripped.isEmpty()) {
                        statement.execute(stripped);
                    }
                }
            }
            return new FixtureDatabase(file, db);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot build fixture " + file + ": " + e.getMessage(), e);
        }
    }

    static FixtureDatabase open(Path file) {
        try {
            return new FixtureDatabase(file, DriverManager.getConnection("jdbc:sqlite:" + file));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = FixtureDatabase.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    Path file() {
        return file;
    }

    Connection connection() {
        return db;
    }

    /** Adds a Chromium visit (and its urls row when new); returns the visit id. */
    long chromiumVisit(String url, String title, Instant time, long transition) {
        long when = ChromiumHistoryReader.fromInstant(time);
        long urlId = idOf("SELECT id FROM urls WHERE url = ?", url);
        if (urlId == 0) {
            urlId = insert("INSERT INTO urls(url, title, visit_count, typed_count, last_visit_time, hidden)"
                    + " VALUES (?, ?, 1, 0, ?, 0)", url, title, when);
        } else {
            update("UPDATE urls SET visit_count = visit_count + 1, last_visit_time = ? WHERE id = ?", when, urlId);
        }
        return insert("INSERT INTO visits(url, visit_time, from_visit, transition, segment_id, visit_duration)"
                + " VALUES (?, ?, 0, ?, 0, 0)", urlId, when, transition);
    }

    /** Records the search Chromium saw for {@code url}, as its keyword_search_terms table does. */
    void chromiumSearchTerm(String url, String term) {
        insert("INSERT INTO keyword_search_terms(keyword_id, url_id, term, normalized_term) VALUES (2, ?, ?, ?)",
                idOf("SELECT id FROM urls WHERE url = ?", url), term, term.toLowerCase(java.util.Locale.ROOT));
    }

    /** Adds a Firefox visit (and its moz_places row when new); returns the visit id. */
    long firefoxVisit(String url, String title, Instant time, int visitType) {
        long when = FirefoxHistoryReader.fromInstant(time);
        long placeId = idOf("SELECT id FROM moz_places WHERE url = ?", url);
        if (placeId == 0) {
            placeId = insert("INSERT INTO moz_places(url, title, rev_host, visit_count, last_visit_date, guid,"
                    + " url_hash) VALUES (?, ?, ?, 1, ?, ?, 0)", url, title, "", when,
                    java.util.UUID.randomUUID().toString().substring(0, 12));
        }
        return insert("INSERT INTO moz_historyvisits(from_visit, place_id, visit_date, visit_type, session)"
                + " VALUES (0, ?, ?, ?, 0)", placeId, when, visitType);
    }

    long insert(String sql, Object... args) {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            bind(statement, args);
            statement.executeUpdate();
            try (Statement last = db.createStatement(); ResultSet row = last.executeQuery("SELECT last_insert_rowid()")) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    int update(String sql, Object... args) {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            bind(statement, args);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    long idOf(String sql, Object... args) {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            bind(statement, args);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement statement, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void delete(Path file) {
        try {
            for (String suffix : new String[] {"", "-wal", "-journal", "-shm"}) {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
