package org.nestguard.agent.history;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.HistoryNotice;
import org.nestguard.protocol.monitoring.Visit;

/**
 * Collects the new visits of every browser profile on the device: discovers the profiles, reads each from a
 * consistent private copy with the reader for its format, and reports what happened to profiles themselves
 * (cleared, removed, unreadable). A profile that fails is reported and the others are still read.
 *
 * <p>Collecting does not move the cursors: {@link #commit(Harvest)} does, once the caller has recorded the
 * harvest durably, so a crash in between reads the same visits again rather than losing them.
 *
 * <p>Visits younger than the settle time are left for the next collection: a browser writes a visit and its
 * page title in separate commits (Chromium every few seconds), and a visit collected between the two would keep
 * an empty title for good.
 */
public final class HistoryCollector {
    /** Longer than Chromium's 10 s between history commits, so a visit's title is written by the time it is read. */
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(15);

    private final ProfileDiscovery discovery;
    private final Map<HistoryFormat, HistoryReader> readers;
    private final HistoryCursors cursors;
    private final AccountKinds kinds;
    private final QueryExtractor queries;
    private final Path scratch;
    private final Clock clock;
    private final Duration settle;
    private Harvest pending;

    /**
     * @param discovery finds the profiles
     * @param readers   one reader per format; a profile whose format has none is reported unreadable
     * @param cursors   where collection progress is kept
     * @param kinds     learner or staff, per account
     * @param queries   finds search queries in URLs when the browser recorded none
     * @param scratch   a folder for the private copies, used by this collector alone (it deletes copies a crashed
     *                  run left there); each copy's folder is readable by the agent's account alone
     * @param clock     for notice times and the settle time
     */
    public HistoryCollector(ProfileDiscovery discovery, Map<HistoryFormat, HistoryReader> readers,
                            HistoryCursors cursors, AccountKinds kinds, QueryExtractor queries, Path scratch,
                            Clock clock) {
        this(discovery, readers, cursors, kinds, queries, scratch, clock, DEFAULT_SETTLE);
    }

    /** As above, with the time a visit must have existed before it is collected. */
    public HistoryCollector(ProfileDiscovery discovery, Map<HistoryFormat, HistoryReader> readers,
                            HistoryCursors cursors, AccountKinds kinds, QueryExtractor queries, Path scratch,
                            Clock clock, Duration settle) {
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.readers = readers.isEmpty() ? Map.of() : new EnumMap<>(readers);
        this.cursors = Objects.requireNonNull(cursors, "cursors");
        this.kinds = Objects.requireNonNull(kinds, "kinds");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.scratch = Objects.requireNonNull(scratch, "scratch");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (settle.isNegative()) {
            throw new IllegalArgumentException("settle time must not be negative: " + settle);
        }
        this.settle = settle;
    }

    /**
     * Reads every profile's visits after its cursor.
     *
     * @throws IOException when the profiles cannot be discovered at all (nothing is read then, and no profile is
     *                     taken for removed)
     */
    public synchronized Harvest collect() throws IOException {
        ConsistentCopy.deleteLeftovers(scratch);
        Map<String, BrowserProfile> found = new LinkedHashMap<>();
        for (BrowserProfile profile : discovery.discover()) {
            found.putIfAbsent(profile.key(), profile);
        }
        Map<String, TrackedProfile> known = new LinkedHashMap<>();
        for (TrackedProfile entry : cursors.tracked()) {
            known.put(entry.profile().key(), entry);
        }
        Instant now = clock.instant();
        List<ProfileHarvest> harvested = new ArrayList<>();
        List<HistoryNotice> notices = new ArrayList<>();
        List<HistoryNotice> failures = new ArrayList<>();
        List<TrackedProfile> next = new ArrayList<>();
        boolean more = false;
        for (BrowserProfile profile : found.values()) {
            TrackedProfile before = known.get(profile.key());
            ProfileCursor cursor = before == null ? ProfileCursor.START : before.cursor();
            try {
                ProfileRead read = read(profile, before, cursor, now);
                harvested.add(new ProfileHarvest(profile, read.visits()));
                if (read.cleared()) {
                    notices.add(notice(HistoryNotice.Kind.CLEARED, profile, now, "the last visit collected from "
                            + profile.historyFile() + " is no longer in it: history was cleared or visits deleted"
                            + " since the previous collection"));
                }
                more |= read.more();
                next.add(new TrackedProfile(profile, read.next(), true, null, read.stamp()));
            } catch (HistoryFormatException | IOException | SQLException | RuntimeException e) {
                String detail = unreadable(profile, e);
                HistoryNotice failure = notice(HistoryNotice.Kind.UNREADABLE, profile, now, detail);
                failures.add(failure);
                if (before == null || !detail.equals(before.problem())) {
                    notices.add(failure);
                }
                next.add(new TrackedProfile(profile, cursor, true, detail, null));
            }
        }
        for (TrackedProfile entry : known.values()) {
            if (found.containsKey(entry.profile().key())) {
                continue;
            }
            if (entry.present()) {
                notices.add(notice(HistoryNotice.Kind.PROFILE_REMOVED, entry.profile(), now,
                        entry.profile().historyFile() + " is gone: the profile, the browser's data or the account was"
                                + " removed, or the home folder is not mounted; its cursor is kept in case it returns"));
            }
            // Kept with its cursor: history that comes back (a home mounted again) is not collected twice.
            next.add(new TrackedProfile(entry.profile(), entry.cursor(), false, null, null));
        }
        pending = new Harvest(harvested, notices, failures, more, next);
        return pending;
    }

    /**
     * Moves the cursors past {@code harvest}'s visits and remembers its notices as reported. Call it after the
     * visits and notices are recorded durably.
     *
     * @throws IllegalStateException when {@code harvest} is not the latest this collector returned, which would
     *                               move the cursors back
     */
    public synchronized void commit(Harvest harvest) throws IOException {
        if (harvest != pending) {
            throw new IllegalStateException("only the latest harvest can be committed: this one was collected before"
                    + " another collect() or was committed already");
        }
        cursors.replace(harvest.next());
        pending = null;
    }

    /** A profile in a format this collector was given no reader for. */
    private static final class NoReaderException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoReaderException(HistoryFormat format) {
            super("this agent has no reader for " + format + " history");
        }
    }

    private record ProfileRead(List<Visit> visits, ProfileCursor next, boolean cleared, boolean more,
                               ConsistentCopy.Stamp stamp) {
    }

    private ProfileRead read(BrowserProfile profile, TrackedProfile before, ProfileCursor cursor, Instant now)
            throws HistoryFormatException, IOException, SQLException {
        HistoryReader reader = readers.get(profile.format());
        if (reader == null) {
            throw new NoReaderException(profile.format());
        }
        if (before != null && before.present() && before.problem() == null && before.stamp() != null
                && before.stamp().equals(ConsistentCopy.Stamp.of(profile.historyFile()))) {
            return new ProfileRead(List.of(), cursor, false, false, before.stamp()); // unchanged since a full read
        }
        HistoryRead read;
        ConsistentCopy.Stamp stamp;
        try (ConsistentCopy copy = ConsistentCopy.take(profile.historyFile(), scratch)) {
            stamp = copy.stamp();
            read = readCopy(reader, copy, cursor);
        } catch (HistoryFormatException e) {
            if (!(e.getCause() instanceof SQLException)) {
                throw e;
            }
            // A copy torn by a write the stamps missed looks corrupt; one fresh copy tells that from real damage.
            try (ConsistentCopy copy = ConsistentCopy.take(profile.historyFile(), scratch)) {
                stamp = copy.stamp();
                read = readCopy(reader, copy, cursor);
            }
        }
        AccountKind kind = Objects.requireNonNull(kinds.kindOf(profile.account()),
                () -> "no account kind for " + profile.account());
        Instant settledBefore = now.minus(settle);
        Instant future = now.plus(settle);
        List<Visit> visits = new ArrayList<>();
        RawVisit lastKept = null;
        boolean heldBack = false;
        for (RawVisit raw : read.visits()) {
            if (raw.time().isAfter(settledBefore) && !raw.time().isAfter(future)) {
                heldBack = true; // and every later one, so the cursor never passes a visit not yet collected
                break;
            }
            String terms = raw.searchTerms() != null ? raw.searchTerms() : queries.queryOf(raw.url());
            visits.add(new Visit(raw.time(), raw.url(), raw.title(), profile.browser(), profile.name(),
                    profile.account(), kind, raw.transition(), terms));
            lastKept = raw;
        }
        ProfileCursor next;
        if (!heldBack) {
            next = read.next();
        } else if (lastKept != null) {
            next = new ProfileCursor(lastKept.id(), lastKept.rawTime());
        } else {
            next = read.cleared() ? ProfileCursor.timeOnly(cursor.lastVisitTime()) : cursor;
        }
        boolean complete = !heldBack && !read.more();
        return new ProfileRead(visits, next, read.cleared(), read.more() && !heldBack, complete ? stamp : null);
    }

    private static HistoryRead readCopy(HistoryReader reader, ConsistentCopy copy, ProfileCursor cursor)
            throws HistoryFormatException, SQLException {
        if (copy.stamp().files().get(0).size() == 0) {
            throw new HistoryFormatException("the file is empty (0 bytes)");
        }
        return reader.readAfter(copy.open(), cursor);
    }

    private static String unreadable(BrowserProfile profile, Exception e) {
        String where = profile.historyFile() + " could not be read: ";
        if (e instanceof NoReaderException) {
            return where + e.getMessage() + "; update the Nestguard agent to one that reads it";
        }
        if (e instanceof HistoryFormatException) {
            return where + e.getMessage() + ". Its history is not collected until this is fixed: start the browser"
                    + " once so it repairs or recreates its history; if this follows a browser update, update the"
                    + " Nestguard agent";
        }
        if (e instanceof AccessDeniedException) {
            return where + "no permission to read " + e.getMessage() + ". Run the agent as root (Linux), SYSTEM"
                    + " (Windows) or with Full Disk Access (macOS)";
        }
        if (e instanceof NoSuchFileException) {
            return where + "it went away while being read (" + e.getMessage() + "); it is looked for again at the"
                    + " next collection";
        }
        if (e instanceof IOException || e instanceof SQLException) {
            return where + e.getMessage();
        }
        return where + "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                + ". Report this to Nestguard support with the agent's log";
    }

    private static HistoryNotice notice(HistoryNotice.Kind kind, BrowserProfile profile, Instant now, String detail) {
        return new HistoryNotice(kind, profile.browser(), profile.name(), profile.account(), now, detail);
    }
}
