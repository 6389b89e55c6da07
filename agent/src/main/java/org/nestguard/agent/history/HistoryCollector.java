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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.HistoryNotice;
import org.nestguard.protocol.monitoring.Visit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the new visits of every browser profile on the device: discovers the profiles, reads each from a
 * consistent private copy with the reader for its format, and reports what happened to profiles themselves
 * (cleared, removed, unreadable). A profile that fails is reported and the others are still read.
 *
 * <p>Visits come in batches of a bounded size (by estimate), so a large history is read in steps that fit the
 * agent's heap. Two ways to collect:
 * <ul>
 *   <li>{@link #collectAll} streams every new visit to a {@link HistoryRecorder} as it is read, batch after batch,
 *       each profile from one copy, and moves the cursors after each batch is recorded: a catch-up of a large
 *       history copies its database once and holds no batch of visits in memory;</li>
 *   <li>{@link #collect()} returns one batch as a {@link Harvest}, from a copy taken for that call, and
 *       {@link #commit(Harvest)} moves the cursors once the caller has recorded it.</li>
 * </ul>
 * Either way the cursors move only after the visits are recorded, so a crash in between reads the same visits
 * again rather than losing them.
 *
 * <p>Visits younger than the settle time are left for the next collection: a browser writes a visit and its
 * page title in separate commits (Chromium every few seconds), and a visit collected between the two would keep
 * an empty title for good.
 */
public final class HistoryCollector {
    /** Longer than Chromium's 10 s between history commits, so a visit's title is written by the time it is read. */
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(15);
    /**
     * The heap a batch that {@link #collect()} returns may take, by {@link BatchRoom#sizeOf}'s estimate: with the
     * classifier's lists and the recording of the batch, the agent service stays within its 24 MiB heap.
     */
    public static final long DEFAULT_BATCH_BYTES = 4L << 20;
    /**
     * The visits a batch of {@link #collectAll} may bring, by the same estimate. They are handed over one at a time
     * and not held, so this bounds only how often the cursors are written (an fsync each) and how much is read
     * again after a crash between recording a batch and moving its cursors.
     */
    public static final long DEFAULT_STREAMED_BATCH_BYTES = 16L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(HistoryCollector.class);

    private final ProfileDiscovery discovery;
    private final Map<HistoryFormat, HistoryReader> readers;
    private final HistoryCursors cursors;
    private final AccountKinds kinds;
    private final QueryExtractor queries;
    private final Path scratch;
    private final Clock clock;
    private final Duration settle;
    private final long batchBytes;
    private final long streamedBatchBytes;
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
        this(discovery, readers, cursors, kinds, queries, scratch, clock, settle, DEFAULT_BATCH_BYTES,
                DEFAULT_STREAMED_BATCH_BYTES);
    }

    /**
     * As above, with the size of batches.
     *
     * @param batchBytes         the visits a batch of {@link #collect()} may hold, instead of
     *                           {@link #DEFAULT_BATCH_BYTES}
     * @param streamedBatchBytes the visits a batch of {@link #collectAll} may bring, instead of
     *                           {@link #DEFAULT_STREAMED_BATCH_BYTES}
     */
    public HistoryCollector(ProfileDiscovery discovery, Map<HistoryFormat, HistoryReader> readers,
                            HistoryCursors cursors, AccountKinds kinds, QueryExtractor queries, Path scratch,
                            Clock clock, Duration settle, long batchBytes, long streamedBatchBytes) {
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
        if (batchBytes < 1 || streamedBatchBytes < 1) {
            throw new IllegalArgumentException("a batch must have room for a visit, not " + batchBytes + " or "
                    + streamedBatchBytes + " bytes");
        }
        this.batchBytes = batchBytes;
        this.streamedBatchBytes = streamedBatchBytes;
    }

    /**
     * Reads every profile's visits after its cursor, one batch in all, from copies taken for this call. When
     * {@link Harvest#more()} says visits are waiting, commit and collect again; {@link #collectAll} reads a large
     * history faster, from one copy and without holding its visits.
     *
     * @throws IOException when the profiles cannot be discovered at all (nothing is read then, and no profile is
     *                     taken for removed)
     */
    public synchronized Harvest collect() throws IOException {
        ConsistentCopy.deleteLeftovers(scratch);
        Map<String, BrowserProfile> found = discover();
        Map<String, ConsistentCopy> copies = new HashMap<>();
        try {
            pending = batch(found, new HashSet<>(), copies, null).harvest();
            return pending;
        } finally {
            closeAll(copies);
        }
    }

    /**
     * Collects batch after batch until every profile is caught up or {@code timeLimit} has passed, handing each
     * visit to {@code recorder} as it is read and moving the cursors after each batch once
     * {@link HistoryRecorder#endOfBatch} returns. A profile's copy is taken once and read batch after batch, then
     * deleted when its read is complete, when it fails, or when this returns; a profile that is complete or failed
     * is not read again in the same call.
     *
     * @param timeLimit once it has passed, no further batch is started (the batch in progress is finished)
     * @return whether visits are still waiting because the time limit passed: call again soon
     * @throws IOException when the profiles cannot be discovered at all, or as thrown by {@code recorder} (the
     *                     batch it was recording keeps its cursors where they were)
     */
    public synchronized boolean collectAll(Duration timeLimit, HistoryRecorder recorder) throws IOException {
        Objects.requireNonNull(timeLimit, "timeLimit");
        Objects.requireNonNull(recorder, "recorder");
        long started = System.nanoTime();
        pending = null; // committing an earlier harvest now would move the cursors back
        ConsistentCopy.deleteLeftovers(scratch);
        Map<String, BrowserProfile> found = discover();
        Map<String, ConsistentCopy> copies = new HashMap<>();
        Set<String> settled = new HashSet<>();
        try {
            while (true) {
                Batch batch = batch(found, settled, copies, recorder);
                recorder.endOfBatch(batch.end());
                cursors.replace(batch.next());
                if (!batch.more()) {
                    return false;
                }
                if (System.nanoTime() - started >= timeLimit.toNanos()) {
                    return true;
                }
            }
        } catch (RecorderFailure e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) e.getCause();
        } finally {
            closeAll(copies);
        }
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

    /** What a {@link HistoryRecorder} threw while taking a visit, carried out through the reader unchanged. */
    private static final class RecorderFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RecorderFailure(Exception cause) {
            super(cause);
        }
    }

    /** One batch: every profile read, new visits (kept, or streamed and only counted), notices and next cursors. */
    private record Batch(List<ProfileHarvest> profiles, int visits, List<HistoryNotice> notices,
                         List<HistoryNotice> failures, boolean more, List<TrackedProfile> next) {
        Harvest harvest() {
            return new Harvest(profiles, notices, failures, more, next);
        }

        BatchEnd end() {
            return new BatchEnd(profiles.stream().map(ProfileHarvest::profile).toList(), visits, notices, failures,
                    more);
        }
    }

    private Map<String, BrowserProfile> discover() throws IOException {
        Map<String, BrowserProfile> found = new LinkedHashMap<>();
        for (BrowserProfile profile : discovery.discover()) {
            found.putIfAbsent(profile.key(), profile);
        }
        return found;
    }

    /**
     * One batch: the profiles not yet {@code settled}, read in order until the batch's room is used, from the copies
     * in {@code copies} (taken when missing). A profile whose read is complete or failed joins {@code settled} and
     * its copy is closed; one with visits waiting keeps its copy there for the next batch. Visits go to
     * {@code recorder}, or are kept in the batch when it is null.
     */
    private Batch batch(Map<String, BrowserProfile> found, Set<String> settled, Map<String, ConsistentCopy> copies,
                        HistoryRecorder recorder) {
        Map<String, TrackedProfile> known = new LinkedHashMap<>();
        for (TrackedProfile entry : cursors.tracked()) {
            known.put(entry.profile().key(), entry);
        }
        Instant now = clock.instant();
        BatchRoom room = new BatchRoom(recorder == null ? batchBytes : streamedBatchBytes);
        List<ProfileHarvest> harvested = new ArrayList<>();
        int count = 0;
        List<HistoryNotice> notices = new ArrayList<>();
        List<HistoryNotice> failures = new ArrayList<>();
        List<TrackedProfile> next = new ArrayList<>();
        boolean more = false;
        for (BrowserProfile profile : found.values()) {
            TrackedProfile before = known.get(profile.key());
            if (settled.contains(profile.key()) && before != null) {
                next.add(before); // complete or failed earlier in this call, and committed since
                continue;
            }
            ProfileCursor cursor = before == null ? ProfileCursor.START : before.cursor();
            if (room.full() && !unchanged(profile, before)) {
                // The batch is full: this profile waits for the next one, as it was, without a copy taken.
                next.add(new TrackedProfile(profile, cursor, true, before == null ? null : before.problem(), null));
                more = true;
                continue;
            }
            try {
                ProfileRead read = read(profile, before, cursor, now, copies, room, recorder);
                if (!read.more()) {
                    settled.add(profile.key());
                    close(copies, profile);
                }
                harvested.add(new ProfileHarvest(profile, read.visits()));
                count += read.count();
                if (read.cleared()) {
                    notices.add(notice(HistoryNotice.Kind.CLEARED, profile, now, "the last visit collected from "
                            + profile.historyFile() + " is no longer in it: history was cleared or visits deleted"
                            + " since the previous collection"));
                }
                more |= read.more();
                next.add(new TrackedProfile(profile, read.next(), true, null, read.stamp()));
            } catch (RecorderFailure e) {
                throw e; // not this profile's fault: the collection stops
            } catch (HistoryFormatException | IOException | SQLException | RuntimeException e) {
                settled.add(profile.key());
                closeQuietly(copies, profile);
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
        return new Batch(harvested, count, notices, failures, more, next);
    }

    /**
     * @param visits the visits kept for a harvest (empty when they were streamed)
     * @param count  how many visits were taken, kept or streamed
     */
    private record ProfileRead(List<Visit> visits, int count, ProfileCursor next, boolean cleared, boolean more,
                               ConsistentCopy.Stamp stamp) {
    }

    /** Whether the profile's files are as they were when a read last left nothing waiting. */
    private static boolean unchanged(BrowserProfile profile, TrackedProfile before) {
        try {
            return before != null && before.present() && before.problem() == null && before.stamp() != null
                    && before.stamp().equals(ConsistentCopy.Stamp.of(profile.historyFile()));
        } catch (IOException e) {
            return false; // read it, and report why it cannot be
        }
    }

    private ProfileRead read(BrowserProfile profile, TrackedProfile before, ProfileCursor cursor, Instant now,
                             Map<String, ConsistentCopy> copies, BatchRoom room, HistoryRecorder recorder)
            throws HistoryFormatException, IOException, SQLException {
        HistoryReader reader = readers.get(profile.format());
        if (reader == null) {
            throw new NoReaderException(profile.format());
        }
        if (unchanged(profile, before)) {
            return new ProfileRead(List.of(), 0, cursor, false, false, before.stamp()); // nothing new: no copy taken
        }
        AccountKind kind = Objects.requireNonNull(kinds.kindOf(profile.account()),
                () -> "no account kind for " + profile.account());
        ConsistentCopy copy = copies.get(profile.key());
        if (copy == null) {
            copy = ConsistentCopy.take(profile.historyFile(), scratch);
            copies.put(profile.key(), copy);
        }
        ProfileVisits visits = new ProfileVisits(profile, kind, now, room, recorder);
        StreamedRead read;
        try {
            read = readCopy(reader, copy, cursor, visits);
        } catch (HistoryFormatException e) {
            if (!(e.getCause() instanceof SQLException)) {
                throw e;
            }
            // A copy torn by a write the stamps missed looks corrupt; one fresh copy tells that from real damage.
            // Visits already taken stay taken (they may have been recorded): the read goes on after them.
            close(copies, profile);
            copy = ConsistentCopy.take(profile.historyFile(), scratch);
            copies.put(profile.key(), copy);
            read = readCopy(reader, copy, visits.resumeFrom(cursor), visits);
        }
        room.use(visits.bytes);
        boolean more = read.more() && !visits.heldBack;
        boolean complete = !visits.heldBack && !read.more();
        return new ProfileRead(visits.kept, visits.count, read.next(), visits.cleared || read.cleared(), more,
                complete ? copy.stamp() : null);
    }

    private static StreamedRead readCopy(HistoryReader reader, ConsistentCopy copy, ProfileCursor cursor,
                                         VisitSink sink) throws HistoryFormatException, SQLException {
        if (copy.stamp().files().get(0).size() == 0) {
            throw new HistoryFormatException("the file is empty (0 bytes)");
        }
        return reader.stream(copy.open(), cursor, sink);
    }

    /**
     * The visits one read of a profile takes into a batch: each settled visit, as a {@link Visit}, kept or handed to
     * the recorder, while the batch has room. A visit younger than the settle time stops the read, so the cursor
     * never passes a visit not yet collected.
     */
    private final class ProfileVisits implements VisitSink {
        final List<Visit> kept = new ArrayList<>();
        private final BrowserProfile profile;
        private final AccountKind kind;
        private final Instant settledBefore;
        private final Instant future;
        private final BatchRoom room;
        private final HistoryRecorder recorder;
        private RawVisit last;
        int count;
        long bytes;
        boolean heldBack;
        boolean cleared;

        ProfileVisits(BrowserProfile profile, AccountKind kind, Instant now, BatchRoom room,
                      HistoryRecorder recorder) {
            this.profile = profile;
            this.kind = kind;
            this.settledBefore = now.minus(settle);
            this.future = now.plus(settle);
            this.room = room;
            this.recorder = recorder;
        }

        @Override
        public void begin(boolean clearedSinceLastRead) {
            cleared |= clearedSinceLastRead;
        }

        @Override
        public boolean take(RawVisit raw) {
            if (raw.time().isAfter(settledBefore) && !raw.time().isAfter(future)) {
                heldBack = true; // and every later one, so the cursor never passes a visit not yet collected
                return false;
            }
            // a URL cut as it was read ends with the cut's marker, which must not become part of its query
            String terms = raw.searchTerms() != null ? raw.searchTerms()
                    : TextCut.cut(queries.queryOf(TextCut.withoutMarker(raw.url())), TextCut.MAX_TEXT_CHARS);
            long size = BatchRoom.sizeOf(raw.url(), raw.title(), terms);
            if (!room.fits(bytes + size, count > 0)) {
                return false; // the batch is full: the next one starts here
            }
            Visit visit = new Visit(raw.time(), raw.url(), raw.title(), profile.browser(), profile.name(),
                    profile.account(), kind, raw.transition(), terms);
            if (recorder == null) {
                kept.add(visit);
            } else {
                try {
                    recorder.visit(profile, visit);
                } catch (IOException | RuntimeException e) {
                    throw new RecorderFailure(e);
                }
            }
            last = raw;
            count++;
            bytes += size;
            return true;
        }

        /** Where a read that failed part way goes on: after the last visit taken, else at {@code cursor}. */
        ProfileCursor resumeFrom(ProfileCursor cursor) {
            return last == null ? cursor : new ProfileCursor(last.id(), last.rawTime());
        }
    }

    private static void close(Map<String, ConsistentCopy> copies, BrowserProfile profile) throws IOException {
        ConsistentCopy copy = copies.remove(profile.key());
        if (copy != null) {
            copy.close();
        }
    }

    private static void closeQuietly(Map<String, ConsistentCopy> copies, BrowserProfile profile) {
        try {
            close(copies, profile);
        } catch (IOException e) {
            LOG.warn("Could not delete a private copy of {}: {}; it is deleted at the next collection",
                    profile.historyFile(), e.getMessage());
        }
    }

    private static void closeAll(Map<String, ConsistentCopy> copies) {
        for (ConsistentCopy copy : List.copyOf(copies.values())) {
            try {
                copy.close();
            } catch (IOException e) {
                LOG.warn("Could not delete the private copy {}: {}; it is deleted at the next collection",
                        copy.database(), e.getMessage());
            }
        }
        copies.clear();
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
