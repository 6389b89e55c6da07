package org.nestguard.agent.files;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches folder trees (inotify on Linux, through the JDK's WatchService) and hands on each regular file once it
 * has settled: no event for it for the settle time, so a file still being written is not hashed half-way. Folders
 * made later are watched too; links are never followed. When the OS drops events (overflow) the owner is told, so
 * it can rescan.
 */
public final class FolderWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FolderWatch.class);
    private static final long POLL_MILLIS = 200;

    /** What is done with a settled file; runs on the watch thread. */
    @FunctionalInterface
    public interface Settled {
        void file(Path file) throws IOException;
    }

    private final String name;
    private final Settled settled;
    private final Runnable overflow;
    private final long settleNanos;
    private final Object lock = new Object();
    private final Map<Path, Long> pending = new HashMap<>();
    private final List<String> problems = new java.util.ArrayList<>();
    private static final int MAX_PROBLEMS = 5;
    private WatchService service;
    private Thread thread;
    private volatile boolean closed;

    /**
     * @param name     the thread's name, for the logs
     * @param overflow called when events were lost and the trees must be rescanned
     */
    public FolderWatch(String name, Settled settled, Runnable overflow, Duration settle) {
        this.name = name;
        this.settled = settled;
        this.overflow = overflow;
        this.settleNanos = settle.toNanos();
    }

    /**
     * Watches exactly these trees from now on (replacing earlier ones), starting the thread the first time.
     *
     * @return the folders that could not be watched and why (the inotify watch limit, permissions): the rescans
     *         still cover them, only not at once
     */
    public List<String> watch(List<Path> roots) throws IOException {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the watch is closed");
            }
            if (service != null) {
                service.close();
            }
            pending.clear();
            problems.clear();
            service = FileSystems.getDefault().newWatchService();
            for (Path root : roots) {
                registerTree(root, false);
            }
            if (thread == null) {
                thread = new Thread(this::loop, name);
                thread.setDaemon(true);
                thread.start();
            }
            return List.copyOf(problems);
        }
    }

    // Called with the lock held. Files found in a new folder are queued: they may have been written before the
    // folder was registered, and no event will come for them.
    private void registerTree(Path root, boolean queueFiles) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        WatchService target = service;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                try {
                    // macOS's WatchService polls, every 10 s by default; HIGH makes it 2 s. Linux (inotify) and
                    // Windows (ReadDirectoryChangesW) report at once and ignore it.
                    dir.register(target, new WatchEvent.Kind<?>[] {StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY}, com.sun.nio.file.SensitivityWatchEventModifier.HIGH);
                } catch (IOException e) {
                    // Typically the inotify limit (fs.inotify.max_user_watches): say so once, keep the rest.
                    if (problems.size() < MAX_PROBLEMS) {
                        problems.add("cannot watch " + dir + " (" + e.getMessage() + "); files there are found by "
                                + "the next rescan only. On Linux, raise fs.inotify.max_user_watches");
                        LOG.warn("Cannot watch {}: {}", dir, e.getMessage());
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (queueFiles && attrs.isRegularFile()) {
                    pending.put(file, System.nanoTime());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                LOG.warn("Cannot watch {}: {}", file, e.getMessage());
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void loop() {
        while (!closed) {
            WatchService current;
            synchronized (lock) {
                current = service;
            }
            try {
                WatchKey key = current.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                synchronized (lock) {
                    while (key != null) {
                        handle(key);
                        key = current.poll();
                    }
                }
                for (Path file : due()) {
                    try {
                        settled.file(file);
                    } catch (IOException | RuntimeException e) {
                        LOG.error("Could not judge {}: {}; the next rescan tries again", file, e.getMessage());
                    }
                }
            } catch (ClosedWatchServiceException e) {
                // replaced by watch() or closed; the loop picks up the new one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void handle(WatchKey key) {
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                LOG.warn("The OS dropped file events under {}; rescanning", dir);
                overflow.run();
                continue;
            }
            Path child = dir.resolve((Path) event.context());
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE
                    && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    registerTree(child, true);
                } catch (IOException e) {
                    LOG.warn("Cannot watch new folder {}: {}", child, e.getMessage());
                }
                continue;
            }
            pending.put(child, System.nanoTime());
        }
        key.reset();
    }

    private List<Path> due() {
        synchronized (lock) {
            long now = System.nanoTime();
            List<Path> due = new java.util.ArrayList<>();
            for (Iterator<Map.Entry<Path, Long>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Path, Long> entry = it.next();
                if (now - entry.getValue() >= settleNanos) {
                    it.remove();
                    if (Files.isRegularFile(entry.getKey(), LinkOption.NOFOLLOW_LINKS)) {
                        due.add(entry.getKey());
                    }
                }
            }
            return due;
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        synchronized (lock) {
            if (service != null) {
                service.close();
            }
        }
        if (thread != null) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
