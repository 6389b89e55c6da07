package org.nestguard.agent.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;

/**
 * A private, consistent copy of a browser's SQLite database with its {@code -wal} and {@code -journal}, taken
 * while the browser may hold the files locked and keep writing. The three files' size, modification time and
 * identity are compared before and after the copy, and the copy is taken again (a few times, with a short pause)
 * when any changed. The copy lives in a folder only the agent's account can open and is deleted on close. The
 * browser's files are only ever opened for reading.
 *
 * <p>The copy is opened read-write so SQLite can apply the WAL (the newest visits of a running browser live only
 * there) and roll back a transaction the copy caught half-way, then the connection is made query-only.
 */
public final class ConsistentCopy implements AutoCloseable {
    /** How often a copy is taken before giving up for this collection. */
    public static final int DEFAULT_ATTEMPTS = 5;
    /** The pause between attempts: browsers write in short bursts. */
    public static final Duration DEFAULT_PAUSE = Duration.ofMillis(150);
    /**
     * The largest text or blob the copy gives out: twice Chromium's longest URL (2 MiB). A larger value is no
     * browser's, and reading it fails with SQLITE_TOOBIG instead of filling the agent's 24 MiB heap.
     */
    public static final int MAX_VALUE_BYTES = 4 << 20;
    /** The largest history file (database, -wal or -journal) copied: Chromium keeps 90 days, a few hundred MB. */
    public static final long MAX_FILE_BYTES = 4L << 30;
    /** Disk space kept free beyond the copy, so a large history never fills the agent's disk. */
    static final long SPARE_BYTES = 64L << 20;
    private static final String COPY_NAME = "copy.sqlite";
    private static final String FOLDER_PREFIX = "copy-";
    private static final List<String> COMPANIONS = List.of("", "-wal", "-journal");

    private final Path folder;
    private final Stamp stamp;
    private final int attempts;
    private Connection connection;

    private ConsistentCopy(Path folder, Stamp stamp, int attempts) {
        this.folder = folder;
        this.stamp = stamp;
        this.attempts = attempts;
    }

    /** Copies {@code database} into a new private folder under {@code scratch}, with the default retries. */
    public static ConsistentCopy take(Path database, Path scratch) throws IOException {
        return take(database, scratch, DEFAULT_ATTEMPTS, DEFAULT_PAUSE, attempt -> { });
    }

    /**
     * Copies {@code database} with its companions.
     *
     * @param afterCopy called after each attempt's bytes are copied, before the files are compared again (tests
     *                  change the source there to see a retry)
     * @throws IOException when the files changed during every attempt, the database is gone or not a regular
     *                     file, or there is not room for the copy; the message says which
     */
    static ConsistentCopy take(Path database, Path scratch, int attempts, Duration pause, IntConsumer afterCopy)
            throws IOException {
        Stamp before = Stamp.of(database);
        ensureRoom(database, scratch, before);
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                pause(pause);
                before = Stamp.of(database);
            }
            Path folder = privateFolder(scratch);
            try {
                for (int i = 0; i < COMPANIONS.size(); i++) {
                    FileState state = before.files().get(i);
                    if (state.exists()) {
                        copyBytes(database.resolveSibling(database.getFileName() + COMPANIONS.get(i)),
                                folder.resolve(COPY_NAME + COMPANIONS.get(i)), state.size());
                    }
                }
                afterCopy.accept(attempt);
                if (before.equals(Stamp.of(database))) {
                    ConsistentCopy copy = new ConsistentCopy(folder, before, attempt);
                    folder = null;
                    return copy;
                }
            } finally {
                if (folder != null) {
                    deleteTree(folder);
                }
            }
        }
        throw new IOException(database + " (or its -wal or -journal) changed during each of " + attempts
                + " copies " + pause.toMillis() + " ms apart, so no consistent copy could be taken; the browser was"
                + " writing its history, which will be read at the next collection");
    }

    /** The copied database file. */
    public Path database() {
        return folder.resolve(COPY_NAME);
    }

    /** The source files' state the copy matches: equal stamps mean the source has not changed since. */
    public Stamp stamp() {
        return stamp;
    }

    /** How many attempts the copy took, 1 when nothing changed during the first. */
    public int attempts() {
        return attempts;
    }

    /**
     * Opens the copy: SQLite replays the copied WAL and rolls back a copied hot journal, then the connection is
     * set query-only. Closed with the copy.
     */
    public Connection open() throws SQLException {
        if (connection == null) {
            Connection opened = DriverManager.getConnection("jdbc:sqlite:" + database());
            try (Statement pragma = opened.createStatement()) {
                // Sorts and temporary tables stay in memory: the visits must not leak into a shared temp folder.
                pragma.execute("PRAGMA temp_store = MEMORY");
                pragma.execute("PRAGMA query_only = ON");
                // The file is the monitored account's to replace: functions with side effects are refused in its
                // schema, and damaged pages are caught when read rather than trusted.
                pragma.execute("PRAGMA trusted_schema = OFF");
                pragma.execute("PRAGMA cell_size_check = ON");
                // No value larger than any browser writes reaches the agent's heap, or SQLite's (SQLITE_TOOBIG).
                opened.unwrap(SQLiteConnection.class).setLimit(SQLiteLimits.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES);
            } catch (SQLException e) {
                opened.close();
                throw e;
            }
            connection = opened;
        }
        return connection;
    }

    /** Closes the connection and deletes the copy. */
    @Override
    public void close() throws IOException {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // The copy is deleted below whatever SQLite says about closing it.
        } finally {
            connection = null;
            deleteTree(folder);
        }
    }

    /** Deletes what a crashed run left in {@code scratch}: copies of people's history must not linger. */
    public static void deleteLeftovers(Path scratch) throws IOException {
        if (!Files.isDirectory(scratch)) {
            return;
        }
        try (Stream<Path> entries = Files.list(scratch)) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().startsWith(FOLDER_PREFIX)).toList()) {
                deleteTree(entry);
            }
        }
    }

    /** The state of one database and its companions, in the order main file, -wal, -journal. */
    public record Stamp(List<FileState> files) {
        public Stamp {
            files = List.copyOf(files);
        }

        /** Reads the three files' state; the main file must exist and be a regular file. */
        public static Stamp of(Path database) throws IOException {
            List<FileState> files = new ArrayList<>();
            for (String suffix : COMPANIONS) {
                files.add(FileState.of(database.resolveSibling(database.getFileName() + suffix)));
            }
            if (!files.get(0).exists()) {
                throw new NoSuchFileException(database.toString(), null, "the history database is not there");
            }
            return new Stamp(files);
        }

        /** The bytes a copy takes. */
        public long size() {
            return files.stream().mapToLong(FileState::size).sum();
        }
    }

    /** One file's size, modification time and identity (device and inode on POSIX), or that it does not exist. */
    public record FileState(boolean exists, long size, long modifiedNanos, String identity) {
        static FileState of(Path file) throws IOException {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return new FileState(false, 0, 0, "");
            }
            if (attributes.isSymbolicLink()) {
                // The account owns its browser folder: a link could lead the agent, reading as root, to another
                // account's history (reported as this one's) or to a system file. Browsers write no links there.
                throw new IOException(file + " is a symbolic link, which no browser writes, so it is not followed");
            }
            if (!attributes.isRegularFile()) {
                // A device or pipe in place of a database would never end a copy, or block it for good.
                throw new IOException(file + " is not a regular file, so it is not read as history");
            }
            if (attributes.size() > MAX_FILE_BYTES) {
                throw new IOException(file + " holds " + mib(attributes.size()) + " MiB, more than the "
                        + mib(MAX_FILE_BYTES) + " MiB of any browser's history (a sparse or altered file), so it is"
                        + " not copied");
            }
            return new FileState(true, attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    attributes.fileKey() == null ? "" : attributes.fileKey().toString());
        }
    }

    private static void ensureRoom(Path database, Path scratch, Stamp stamp) throws IOException {
        Files.createDirectories(scratch);
        long free = Files.getFileStore(scratch).getUsableSpace();
        if (free < stamp.size() + SPARE_BYTES) {
            throw new IOException("not enough free space in " + scratch + " to copy " + database + ": "
                    + mib(stamp.size()) + " MiB needed plus " + mib(SPARE_BYTES) + " MiB kept free, " + mib(free)
                    + " MiB free; free space on that disk");
        }
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    /** Copies exactly {@code size} bytes (the size before the copy): a file that grows is caught by the stamps. */
    private static void copyBytes(Path source, Path target, long size) throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long position = 0;
            while (position < size) {
                long moved = in.transferTo(position, size - position, out);
                if (moved <= 0) {
                    break; // shorter than it was: the stamps differ and the copy is taken again
                }
                position += moved;
            }
        } catch (NoSuchFileException e) {
            // A -wal or -journal removed between the stamp and the copy: the stamps differ and the copy is retried.
        }
    }

    private static Path privateFolder(Path scratch) throws IOException {
        Files.createDirectories(scratch);
        Path folder;
        if (Files.getFileAttributeView(scratch, PosixFileAttributeView.class) != null) {
            folder = Files.createTempDirectory(scratch, FOLDER_PREFIX,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            folder = Files.createTempDirectory(scratch, FOLDER_PREFIX);
            AclFileAttributeView acl = Files.getFileAttributeView(folder, AclFileAttributeView.class);
            if (acl != null) {
                // Windows: one entry for the agent's account, replacing what ProgramData lets every user read.
                acl.setAcl(List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(acl.getOwner())
                        .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                        .setFlags(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT).build()));
            }
        }
        return folder;
    }

    private static void pause(Duration pause) throws IOException {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting to copy history again");
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
