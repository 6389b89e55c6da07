package org.nestguard.console.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The console's store: a pooled connection to SQLite or PostgreSQL with its schema migrated, and transactions. */
public final class Database implements AutoCloseable {
    /** The SQLite file's name inside the console's data folder. */
    public static final String SQLITE_FILE = "console.db";
    private static final int MAX_ATTEMPTS = 20;
    private static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    // SQLite has one writer at a time. Left to SQLite, waiting writers poll in its busy handler, sleeping up to
    // 100 ms between tries, so under load most of them sleep while the lock is free (measured: 48-115 check-ins/s
    // with 16 in flight). Writers of this process queue on this lock instead and are woken as soon as it is free;
    // the busy timeout still covers other processes (the CLI) writing the same file. Not fair: handing the lock
    // to a running thread avoids a context switch per commit on a busy machine.
    private final ReentrantLock sqliteWriter;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.sqliteWriter = dialect == Dialect.SQLITE ? new ReentrantLock() : null;
    }

    /**
     * Opens the store and brings its schema up to date: SQLite at {@code <dataDir>/console.db} when the URL is
     * null, otherwise the PostgreSQL (or SQLite) database the URL names.
     */
    public static Database open(String jdbcUrlOrNull, Path dataDir) {
        String url = jdbcUrlOrNull != null ? jdbcUrlOrNull : "jdbc:sqlite:" + sqliteFile(dataDir);
        Dialect dialect = Dialect.of(url);
        HikariDataSource pool = dialect == Dialect.SQLITE ? sqlitePool(url) : postgresqlPool(url);
        try {
            migrate(pool, dialect);
            return new Database(pool, dialect);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static Path sqliteFile(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("Cannot create the console data folder " + dataDir + " (" + e.getMessage()
                    + "): choose a folder the console's account can write with --data", e);
        }
        Path file = dataDir.resolve(SQLITE_FILE).toAbsolutePath();
        ownerOnly(file);
        return file;
    }

    // the store holds safeguarding records: other local accounts must not read it. SQLite gives its -wal and -shm
    // files the database file's permissions, so creating the (empty) file owner-only covers all three.
    private static void ownerOnly(Path file) {
        if (Files.exists(file) || !file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new StoreException("Cannot create the console database " + file + " (" + e.getMessage()
                    + "): choose a data folder the console's account can write with --data", e);
        }
    }

    private static HikariDataSource sqlitePool(String url) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL, not NORMAL: the agent deletes what we acknowledge, so a commit must survive a power cut
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        // IMMEDIATE takes the write lock at BEGIN, so a transaction never fails upgrading a read lock mid-way
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl(url);
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(sqlite);
        hikari.setPoolName("nestguard-sqlite");
        hikari.setMaximumPoolSize(8);
        return startPool(hikari, Dialect.SQLITE);
    }

    private static HikariDataSource postgresqlPool(String url) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        hikari.setPoolName("nestguard-postgresql");
        hikari.setMaximumPoolSize(16);
        return startPool(hikari, Dialect.POSTGRESQL);
    }

    private static HikariDataSource startPool(HikariConfig config, Dialect dialect) {
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            // the driver's own messages name host, port, database and user, never the password
            throw new StoreException("Cannot open the console database (" + dialect + "): " + rootMessage(e)
                    + ". Check that the server is running and the URL's host, port, database and user are right",
                    e);
        }
    }

    private static void migrate(HikariDataSource pool, Dialect dialect) {
        try {
            // common: both stores; the dialect's own folder: what only one of them can express (from V5 on)
            Flyway.configure().dataSource(pool).locations("classpath:db/migration/common",
                    "classpath:db/migration/" + dialect.name().toLowerCase(Locale.ROOT)).load().migrate();
        } catch (FlywayException e) {
            throw new StoreException("Cannot bring the console database (" + dialect + ") schema up to date: "
                    + rootMessage(e) + ". Restore the database from a backup or point --db at an empty one", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** Which database this is. */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * Runs work in one transaction and commits it; if the database rolled it back because of a concurrent writer
     * (SQLite BUSY, PostgreSQL serialization failure or deadlock) the work runs again from the start.
     */
    public <T> T transaction(SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            if (sqliteWriter != null) {
                sqliteWriter.lock();
            }
            try (Connection connection = dataSource.getConnection()) {
                return sqliteWriter != null ? sqliteTransaction(connection, work) : jdbcTransaction(connection, work);
            } catch (SQLException e) {
                if (attempt >= MAX_ATTEMPTS || !dialect.isRetryable(e)) {
                    throw failure(e);
                }
            } finally {
                if (sqliteWriter != null) {
                    sqliteWriter.unlock();
                }
            }
            backOff(attempt);
        }
    }

    private static <T> T jdbcTransaction(Connection connection, SqlWork<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    // BEGIN and COMMIT as statements with the connection left in autocommit: sqlite-jdbc's own commit() begins
    // the next transaction at once, a second lock round trip (and an empty commit) for every transaction
    private <T> T sqliteTransaction(Connection connection, SqlWork<T> work) throws SQLException {
        try (Statement control = connection.createStatement()) {
            control.execute("BEGIN IMMEDIATE");
            try {
                T result = work.run(connection);
                control.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                rollBackSqlite(connection, control, e);
                throw e;
            }
        }
    }

    private void rollBackSqlite(Connection connection, Statement control, Exception cause) {
        try {
            control.execute("ROLLBACK");
        } catch (SQLException e) {
            // some errors end SQLite's transaction themselves: then there is nothing left to roll back
            if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
                cause.addSuppressed(e);
                // a connection whose transaction may still be open must not go back to the pool
                dataSource.evictConnection(connection);
            }
        }
    }

    /** Runs read-only work with each statement in its own implicit transaction (no write lock on SQLite). */
    public <T> T read(SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                return work.run(connection);
            } catch (SQLException e) {
                if (attempt >= MAX_ATTEMPTS || !dialect.isRetryable(e)) {
                    throw failure(e);
                }
                backOff(attempt);
            }
        }
    }

    private StoreException failure(SQLException e) {
        return new StoreException("The console database (" + dialect + ") refused an operation: " + e.getMessage(), e);
    }

    private static void backOff(int attempt) {
        // random, growing pause so the transactions that collided do not collide again in step
        long pause = ThreadLocalRandom.current().nextLong(1, 5L * Math.min(attempt, 10) + 2);
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting to retry a database transaction", e);
        }
    }

    /** Closes every pooled connection; on SQLite this also checkpoints the write-ahead log. */
    @Override
    public void close() {
        dataSource.close();
    }
}
