package org.nestguard.agent.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.nestguard.agent.history.AccountKinds;
import org.nestguard.protocol.files.FileFacts;
import org.nestguard.protocol.files.FileFlagged;
import org.nestguard.protocol.files.FileRuleMatch;
import org.nestguard.protocol.files.QuarantineItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds flagged files in the watched folders: walks them (never following a link), hashes only what the index
 * does not know unchanged, judges each file by the rules, and flags a match once per path and content. A hash-list
 * match is isolated first when the policy says so; a refused isolation is flagged all the same, saying why.
 * The flag is recorded before the index remembers it, so a crash can repeat a flag but never lose one.
 */
public final class FileScanner implements WatchedFiles {
    private static final Logger LOG = LoggerFactory.getLogger(FileScanner.class);
    private static final HexFormat HEX = HexFormat.of();

    /** Where flags go: the outbox in the service, a list in the {@code scan} command. */
    @FunctionalInterface
    public interface FlagSink {
        void record(FileFlagged flag) throws IOException;
    }

    /** What to scan and by which rules; replaced whenever the policy or the accounts change. */
    public record Plan(WatchedFolders folders, FileRules rules, AccountKinds kinds, List<String> problems) {
        public Plan {
            Objects.requireNonNull(kinds, "kinds");
            problems = List.copyOf(problems);
        }
    }

    private final FileIndex index;
    private final FileHasher hasher;
    private final Isolation isolation;
    private final FlagSink sink;
    private final Clock clock;
    private final Object flagLock = new Object();
    private volatile Plan plan;

    /** @param isolation the vault; called only when the plan's rules isolate hash matches */
    public FileScanner(FileIndex index, FileHasher hasher, Isolation isolation, FlagSink sink, Clock clock) {
        this.index = index;
        this.hasher = hasher;
        this.isolation = isolation;
        this.sink = sink;
        this.clock = clock;
    }

    public void use(Plan plan) {
        this.plan = plan;
    }

    public Plan plan() {
        return plan;
    }

    /** Walks every watched folder; when this returns, every flag is recorded and the index saved. */
    public ScanSummary rescan() throws IOException {
        Plan current = requirePlan();
        Instant started = clock.instant();
        Walk walk = new Walk(current);
        for (WatchedFolder folder : current.folders().folders()) {
            walk.folder = folder;
            try {
                Files.walkFileTree(folder.real(), EnumSet.noneOf(java.nio.file.FileVisitOption.class),
                        Integer.MAX_VALUE, walk);
            } catch (NoSuchFileException e) {
                LOG.debug("Watched folder {} has gone", folder.real());
            }
        }
        int removed = index.removeIf(e -> !walk.seen.contains(e.path()) && gone(current, e.path()));
        index.save();
        List<String> problems = new ArrayList<>(current.problems());
        problems.addAll(current.folders().problems());
        problems.addAll(current.rules().hashLists().problems());
        return new ScanSummary(started, clock.instant(), current.folders().folders().size(), walk.files, walk.hashed,
                walk.bytes, walk.flagged, removed, walk.links, walk.unreadable, problems);
    }

    private static boolean gone(Plan plan, String path) {
        Path file = Path.of(path);
        return plan.folders().holding(file) == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Judges one file the watcher saw settle. Links and paths outside the watched folders are ignored (a link is
     * never followed); the flag, if any, is recorded when this returns.
     */
    public Optional<FileFlagged> check(Path path) throws IOException {
        Plan current = requirePlan();
        Path absolute = path.toAbsolutePath().normalize();
        BasicFileAttributes attrs;
        Path real;
        try {
            attrs = Files.readAttributes(absolute, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            real = absolute.getParent().toRealPath().resolve(absolute.getFileName());
        } catch (NoSuchFileException e) {
            return Optional.empty(); // gone again (a browser's temporary download file)
        }
        WatchedFolder folder = current.folders().holding(real);
        if (folder == null || !attrs.isRegularFile()) {
            return Optional.empty();
        }
        Judged judged = judge(current, current.rules().hashLists().digestsNeeded(), folder, real, attrs);
        index.save();
        return Optional.ofNullable(judged.flag);
    }

    @Override
    public FileFacts describe(Path path) throws IOException {
        Plan current = requirePlan();
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException(path + " is relative; give the file's absolute path");
        }
        for (Path part : path) {
            if (part.toString().equals("..")) {
                throw new IllegalArgumentException(path + " contains '..'; give the file's path without it");
            }
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(path + " does not exist on this device");
        }
        if (attrs.isSymbolicLink()) {
            throw new IllegalArgumentException(path + " is a symbolic link; links are never followed out of a "
                    + "watched folder. Give the path of the file itself");
        }
        if (!attrs.isRegularFile()) {
            throw new IllegalArgumentException(path + " is not a regular file");
        }
        Path real = path.getParent().toRealPath().resolve(path.getFileName());
        WatchedFolder folder = current.folders().holding(real);
        if (folder == null) {
            throw new IllegalArgumentException(path + (real.equals(path) ? "" : " (really " + real + ")")
                    + " is not in a watched folder of any account; only files in the policy's watched folders can be "
                    + "reached");
        }
        HashedFile hashed = hasher.hash(real, DigestSet.ALL);
        index.put(new IndexEntry(real.toString(), attrs.size(), nanos(attrs.lastModifiedTime()), key(attrs),
                hashed.kind(), hashed.digests(), flaggedBefore(real.toString())));
        return facts(current, folder, real, attrs, hashed.kind(), hashed.digests());
    }

    @Override
    public List<FileFacts> withSha256(String sha256) throws IOException {
        Plan current = requirePlan();
        byte[] wanted = HEX.parseHex(sha256.toLowerCase(java.util.Locale.ROOT));
        List<FileFacts> found = new ArrayList<>();
        for (IndexEntry entry : index.entries()) {
            if (!java.util.Arrays.equals(entry.digests().sha256(), wanted)) {
                continue;
            }
            Path file = Path.of(entry.path());
            WatchedFolder folder = current.folders().holding(file);
            try {
                BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (folder != null && attrs.isRegularFile()) {
                    found.add(facts(current, folder, file, attrs, entry.kind(), entry.digests()));
                }
            } catch (NoSuchFileException e) {
                // gone since the last scan; the next removes it from the index
            }
        }
        return found;
    }

    private byte[] flaggedBefore(String path) {
        IndexEntry old = index.get(path);
        return old == null ? null : old.flaggedSha256();
    }

    private Plan requirePlan() {
        Plan current = plan;
        if (current == null) {
            throw new IllegalStateException("no scan plan yet: the policy has not been applied");
        }
        return current;
    }

    /** The outcome for one file. */
    private record Judged(boolean hashed, long bytes, FileFlagged flag) {
    }

    private Judged judge(Plan current, DigestSet needed, WatchedFolder folder, Path file, BasicFileAttributes attrs)
            throws IOException {
        String path = file.toString();
        long modified = nanos(attrs.lastModifiedTime());
        String key = key(attrs);
        IndexEntry entry = index.get(path);
        boolean hashed = false;
        long bytes = 0;
        if (entry == null || !entry.unchanged(attrs.size(), modified, key) || !entry.digests().covers(needed)) {
            HashedFile result = hasher.hash(file, needed);
            hashed = true;
            bytes = result.bytesRead();
            entry = new IndexEntry(path, attrs.size(), modified, key, result.kind(), result.digests(),
                    entry == null ? null : entry.flaggedSha256());
            index.put(entry);
        }
        List<FileRuleMatch> matches = current.rules().match(folder.name(), file.getFileName().toString(),
                entry.kind(), entry.digests());
        if (matches.isEmpty()) {
            return new Judged(hashed, bytes, null);
        }
        synchronized (flagLock) {
            IndexEntry latest = index.get(path);
            if (latest != null && latest.alreadyFlagged()
                    && java.util.Arrays.equals(latest.digests().sha256(), entry.digests().sha256())) {
                return new Judged(hashed, bytes, null);
            }
            if (!entry.digests().covers(DigestSet.ALL)) {
                // A flag carries all three digests whatever the lists hold: police lists may use any of them.
                HashedFile full = hasher.hash(file, DigestSet.ALL);
                if (java.util.Arrays.equals(full.digests().sha256(), entry.digests().sha256())) {
                    entry = new IndexEntry(path, entry.size(), entry.modifiedNanos(), entry.fileKey(), entry.kind(),
                            full.digests(), entry.flaggedSha256());
                    index.put(entry);
                }
            }
            FileFlagged flag = flag(current, folder, file, attrs, entry, matches);
            try {
                sink.record(flag);
            } catch (IOException e) {
                throw new FlagNotRecordedException(flag, e);
            }
            index.put(entry.flagged());
            return new Judged(hashed, bytes, flag);
        }
    }

    private FileFlagged flag(Plan current, WatchedFolder folder, Path file, BasicFileAttributes attrs,
                             IndexEntry entry, List<FileRuleMatch> matches) {
        FileFacts facts = facts(current, folder, file, attrs, entry.kind(), entry.digests());
        String itemId = null;
        List<FileRuleMatch> reported = matches;
        boolean hashMatch = matches.stream().anyMatch(m -> m.source() == FileRuleMatch.Source.HASH_LIST);
        if (hashMatch && current.rules().isolateHashMatches()) {
            String refused = null;
            try {
                QuarantineItem item = isolation.isolate(facts, matches, null);
                itemId = item.itemId();
                LOG.warn("Isolated {} (hash-list match) as quarantine item {}", file, itemId);
            } catch (IsolationRefusedException e) {
                refused = e.getMessage();
            } catch (IOException | RuntimeException e) {
                refused = "isolation failed: " + e.getMessage();
            }
            if (refused != null) {
                LOG.error("Hash-list match {} was NOT isolated: {}; flagged for the DSL", file, refused);
                reported = notIsolated(matches, refused);
            }
        }
        return new FileFlagged(UUID.randomUUID().toString(), facts, reported, itemId);
    }

    // The flag carries the refusal in the hash-list match's reason, the words the DSL reads.
    private static List<FileRuleMatch> notIsolated(List<FileRuleMatch> matches, String why) {
        List<FileRuleMatch> out = new ArrayList<>();
        for (FileRuleMatch m : matches) {
            out.add(m.source() != FileRuleMatch.Source.HASH_LIST ? m : new FileRuleMatch(m.source(), m.name(),
                    m.matched(), (m.reason() == null ? "" : m.reason() + "; ") + "NOT isolated: " + why));
        }
        return out;
    }

    private static FileFacts facts(Plan current, WatchedFolder folder, Path file, BasicFileAttributes attrs,
                                   org.nestguard.protocol.files.FileKind kind, Digests digests) {
        String owner;
        try {
            owner = Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName();
        } catch (IOException | UnsupportedOperationException e) {
            owner = null;
        }
        // Java 17 on Linux reports the modification time as creation time where it cannot read the birth time.
        FileTime created = attrs.creationTime();
        Instant createdAt = created == null || created.equals(attrs.lastModifiedTime()) ? null : created.toInstant();
        return new FileFacts(file.toString(), folder.account(), owner, attrs.size(),
                attrs.lastModifiedTime().toInstant(), createdAt, kind, digests.sha256Hex(), digests.sha1Hex(),
                digests.md5Hex(), current.kinds().kindOf(folder.account()));
    }

    static long nanos(FileTime time) {
        return time.to(TimeUnit.NANOSECONDS);
    }

    static String key(BasicFileAttributes attrs) {
        Object key = attrs.fileKey();
        return key == null ? null : key.toString();
    }

    /** One walk over the watched folders. */
    private final class Walk extends SimpleFileVisitor<Path> {
        final Plan plan;
        final Set<String> seen = new HashSet<>();
        final DigestSet needed;
        WatchedFolder folder;
        int files;
        int hashed;
        long bytes;
        int flagged;
        int links;
        int unreadable;

        Walk(Plan plan) {
            this.plan = plan;
            this.needed = plan.rules().hashLists().digestsNeeded(); // once a walk, not once a file
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            // A watched folder nested in another is walked as itself, with its own name for place rules.
            if (!dir.equals(folder.real()) && plan.folders().holding(dir) != folder) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            if (attrs.isSymbolicLink()) {
                links++;
                LOG.debug("Not following link {} in watched folder {}", file, folder.real());
                return FileVisitResult.CONTINUE;
            }
            if (!attrs.isRegularFile()) {
                return FileVisitResult.CONTINUE;
            }
            files++;
            seen.add(file.toString());
            try {
                Judged judged = judge(plan, needed, folder, file, attrs);
                hashed += judged.hashed() ? 1 : 0;
                bytes += judged.bytes();
                flagged += judged.flag() != null ? 1 : 0;
            } catch (NoSuchFileException e) {
                seen.remove(file.toString());
            } catch (FlagNotRecordedException e) {
                throw e; // a flag that cannot be recorded stops the scan: the next one finds the file again
            } catch (IOException e) {
                unreadable++;
                LOG.warn("Cannot read {}: {}", file, e.getMessage());
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (!(e instanceof NoSuchFileException)) {
                unreadable++;
                LOG.warn("Cannot read {}: {}", file, e.getMessage());
            }
            return FileVisitResult.CONTINUE;
        }
    }
}
