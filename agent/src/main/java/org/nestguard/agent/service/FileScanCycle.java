package org.nestguard.agent.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nestguard.agent.files.AccountHomes;
import org.nestguard.agent.history.AccountKinds;
import org.nestguard.agent.platform.AccountProbe;
import org.nestguard.agent.files.FileRules;
import org.nestguard.agent.files.FileScanner;
import org.nestguard.agent.files.FolderWatch;
import org.nestguard.agent.files.HashListStore;
import org.nestguard.agent.files.LoadedHashLists;
import org.nestguard.agent.files.RemovableMediaWatch;
import org.nestguard.agent.files.ScanSummary;
import org.nestguard.agent.files.WatchedFolder;
import org.nestguard.agent.files.WatchedFolders;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.agent.platform.AccountHome;
import org.nestguard.protocol.files.FileFlagged;
import org.nestguard.protocol.policy.FileCheckRule;
import org.nestguard.protocol.policy.Policy;
import org.nestguard.protocol.wire.WireJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file checks as the service runs them: on every run the accounts and hash lists are read again, all watched
 * folders rescanned (only new or changed files hashed) and a {@code file-scan} event recorded with every problem
 * (a hash list the policy names that is not imported is reported each time); between runs the watch judges each
 * file that settles in a watched folder within about a second. Flags go to the outbox, which never drops them.
 */
public final class FileScanCycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileScanCycle.class);
    /** A file is judged once no change has been seen to it for this long. */
    static final Duration SETTLE = Duration.ofSeconds(1);
    /** How often the mounted volumes are listed, so a stick is scanned within seconds of being plugged in. */
    static final Duration REMOVABLE_POLL = Duration.ofSeconds(5);

    private final FileScanner scanner;
    private final AccountHomes homes;
    private final AccountProbe accounts;
    private final HashListStore lists;
    private final Outbox outbox;
    private final Clock clock;
    private final ObjectMapper json = WireJson.mapper();
    private final FolderWatch watch;
    private final RemovableMediaWatch removable;
    private volatile boolean rescanWanted;
    private final java.util.concurrent.atomic.AtomicBoolean background =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicInteger newFlags = new java.util.concurrent.atomic.AtomicInteger();

    /** @param scanner a scanner whose flags go to {@link #recordFlag} (see {@link #sinkFor}) */
    public FileScanCycle(FileScanner scanner, AccountHomes homes, AccountProbe accounts, HashListStore lists,
                         Outbox outbox, Clock clock) {
        this(scanner, homes, accounts, lists, null, outbox, clock);
    }

    /**
     * @param accounts  the local accounts, whose groups tell learners by the policy's learner rule
     * @param removable the removable media watch, or null where none is wanted
     */
    public FileScanCycle(FileScanner scanner, AccountHomes homes, AccountProbe accounts, HashListStore lists,
                         RemovableMediaWatch removable, Outbox outbox, Clock clock) {
        this.accounts = accounts;
        this.removable = removable;
        this.scanner = scanner;
        this.homes = homes;
        this.lists = lists;
        this.outbox = outbox;
        this.clock = clock;
        this.watch = new FolderWatch("nestguard-file-watch", this::judge, () -> rescanWanted = true, SETTLE);
    }

    /** The flag sink that records flags in {@code outbox}, for the scanner this cycle runs. */
    public static FileScanner.FlagSink sinkFor(Outbox outbox) {
        ObjectMapper json = WireJson.mapper();
        return flag -> outbox.append(FileFlagged.TYPE, json.valueToTree(flag));
    }

    /** Time between full rescans under this policy. */
    public static Duration rescanEvery(Policy policy) {
        return policy.fileChecks() == null ? FileCheckRule.DEFAULT_RESCAN_EVERY : policy.fileChecks().rescanEvery();
    }

    /** Whether the watch lost events and a full rescan should run now. */
    public boolean rescanWanted() {
        return rescanWanted;
    }

    /** A full rescan and a new watch; empty when the policy sets no file checks. */
    public synchronized Optional<ScanSummary> run(Policy policy) throws IOException {
        rescanWanted = false;
        if (removable != null) {
            removable.apply(policy.removableMedia());
            removable.start(REMOVABLE_POLL);
        }
        FileCheckRule rule = policy.fileChecks();
        if (rule == null) {
            watch.watch(List.of());
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        List<AccountHome> accountHomes;
        try {
            accountHomes = homes.list();
        } catch (IOException e) {
            accountHomes = List.of();
            problems.add("the local accounts could not be listed, so no home folder was scanned: " + e.getMessage());
        }
        LoadedHashLists loaded = lists.loadAll(rule.hashLists());
        for (String problem : loaded.problems()) {
            LOG.error("File checks: {}", problem);
        }
        WatchedFolders folders = WatchedFolders.resolve(accountHomes, rule.watch());
        FileRules rules = FileRules.of(policy, loaded);
        AccountKinds kinds = PolicyAccountKinds.read(policy.learners(), accounts);
        scanner.use(new FileScanner.Plan(folders, rules, kinds, problems)); // before the watch can hand a file on
        problems.addAll(watch.watch(folders.folders().stream().map(WatchedFolder::real).toList()));
        scanner.use(new FileScanner.Plan(folders, rules, kinds, problems));
        ScanSummary summary = scanner.rescan();
        outbox.append(ScanSummary.TYPE, json.valueToTree(summary));
        return Optional.of(summary);
    }

    private void judge(java.nio.file.Path file) throws IOException {
        if (scanner.check(file).isPresent()) {
            newFlags.incrementAndGet();
        }
    }

    /**
     * Starts a {@link #run} on the cycle's own thread unless one is running; its flags count in
     * {@link #takeNewFlags}, and a failure is logged (the next rescan tries again).
     */
    public void runInBackground(Policy policy) {
        if (!background.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                run(policy).ifPresent(summary -> {
                    newFlags.addAndGet(summary.flagged());
                    LOG.info("File checks: {} folders, {} files, {} hashed, {} flagged, {} problems",
                            summary.folders(), summary.files(), summary.hashed(), summary.flagged(),
                            summary.problems().size());
                });
            } catch (IOException | RuntimeException e) {
                LOG.error("File scan failed: {}; the next rescan tries again", e.getMessage());
            } finally {
                background.set(false);
            }
        }, "nestguard-file-scan");
        thread.setDaemon(true);
        thread.start();
    }

    /** How many files the watch and background rescans flagged since the last call. */
    public int takeNewFlags() {
        return newFlags.getAndSet(0);
    }

    @Override
    public void close() throws IOException {
        watch.close();
        if (removable != null) {
            removable.close();
        }
    }
}
