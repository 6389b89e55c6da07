package org.nestguard.agent.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.nestguard.agent.outbox.Outbox;
import org.nestguard.protocol.files.FileKind;
import org.nestguard.protocol.files.RemovableScan;
import org.nestguard.protocol.files.RemovableWrite;
import org.nestguard.protocol.files.Volume;
import org.nestguard.protocol.policy.RemovableMediaRule;
import org.nestguard.protocol.wire.WireJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removable volumes while they are mounted: each new one is scanned by the OS's antivirus when the policy says
 * {@code scanBeforeUse} (a {@code removable-scan} event), and, when it forbids taking children's data out
 * ({@code childDataTransportForbidden}), watched for images, videos and documents written to it; those are reported
 * in a {@code removable-write} event with names, counts and the volume's identity, never content, when the volume
 * goes or after a minute without writes. Files already on the volume when it was mounted are not counted.
 */
public final class RemovableMediaWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RemovableMediaWatch.class);
    /** Writes are reported once the volume has been quiet this long (or when it is removed). */
    static final Duration QUIET = Duration.ofMinutes(1);

    private final RemovableVolumes volumes;
    private final VolumeScanner scanner;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration settle;
    private final ObjectMapper json = WireJson.mapper();
    private final Map<String, Mounted> mounted = new HashMap<>();
    private final ExecutorService scans = Executors.newSingleThreadExecutor(r -> daemon(r, "nestguard-volume-scan"));
    private ScheduledExecutorService poller;
    private volatile RemovableMediaRule rule;
    private String lastProblem;

    public RemovableMediaWatch(RemovableVolumes volumes, VolumeScanner scanner, Outbox outbox, Clock clock,
                               Duration settle) {
        this.volumes = volumes;
        this.scanner = scanner;
        this.outbox = outbox;
        this.clock = clock;
        this.settle = settle;
    }

    /** The policy's rule from now on; null (no removableMedia section) stops watching. */
    public void apply(RemovableMediaRule rule) {
        this.rule = rule;
    }

    /** Looks at the mounted volumes every {@code every} on a thread of its own. */
    public synchronized void start(Duration every) {
        if (poller == null) {
            poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "nestguard-removable-media"));
            poller.scheduleWithFixedDelay(this::pollQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (IOException | RuntimeException e) {
            String problem = e.getMessage();
            if (!problem.equals(lastProblem)) { // once per change, not every few seconds
                LOG.error("Removable media: {}", problem);
            }
            lastProblem = problem;
        }
    }

    /** One look: new volumes scanned and watched, quiet or removed ones' writes reported. */
    public synchronized void poll() throws IOException {
        RemovableMediaRule current = rule;
        List<Volume> now = current == null ? List.of() : volumes.mounted();
        lastProblem = null;
        Set<String> present = new HashSet<>();
        for (Volume volume : now) {
            String key = volume.id() + "|" + volume.mountPoint();
            present.add(key);
            if (!mounted.containsKey(key)) {
                mounted.put(key, mount(volume, current));
            }
        }
        for (var it = mounted.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Mounted> entry = it.next();
            Mounted m = entry.getValue();
            if (!present.contains(entry.getKey())) {
                m.close();
                report(m, true);
                it.remove();
            } else {
                report(m, false);
            }
        }
    }

    private Mounted mount(Volume volume, RemovableMediaRule current) throws IOException {
        LOG.info("Removable volume {} ({}) mounted at {}", volume.label(), volume.id(), volume.mountPoint());
        Mounted m = new Mounted(volume);
        if (current.scanBeforeUse()) {
            scans.submit(() -> {
                RemovableScan scan = scanner.scan(volume);
                try {
                    outbox.append(RemovableScan.TYPE, json.valueToTree(scan));
                } catch (IOException e) {
                    LOG.error("The scan result for volume {} could not be recorded: {}", volume.id(), e.getMessage());
                }
            });
        }
        if (current.childDataTransportForbidden()) {
            m.watch = new FolderWatch("nestguard-volume-watch", m::written, () -> LOG.warn(
                    "Writes to volume {} came faster than the OS could report; some may be missing from the report",
                    volume.id()), settle);
            for (String problem : m.watch.watch(List.of(Path.of(volume.mountPoint())))) {
                LOG.warn("Removable volume {}: {}", volume.id(), problem);
            }
        }
        return m;
    }

    private void report(Mounted m, boolean removed) throws IOException {
        RemovableWrite write;
        synchronized (m) {
            if (m.names.isEmpty() && m.omitted == 0) {
                return;
            }
            if (!removed && Duration.between(m.last, clock.instant()).compareTo(QUIET) < 0) {
                return;
            }
            write = new RemovableWrite(m.volume, m.images, m.videos, m.documents, m.bytes, m.names, m.omitted, m.first,
                    m.last);
            m.reset();
        }
        outbox.append(RemovableWrite.TYPE, json.valueToTree(write));
        LOG.warn("{} images, {} videos, {} documents written to removable volume {} ({})", write.images(),
                write.videos(), write.documents(), m.volume.label(), m.volume.id());
    }

    /** Writes every pending tally now (for shutdown and tests). */
    public synchronized void flush() throws IOException {
        for (Mounted m : mounted.values()) {
            report(m, true);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (poller != null) {
            poller.shutdownNow();
        }
        scans.shutdown();
        try {
            scans.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
        for (Mounted m : mounted.values()) {
            m.close();
        }
        mounted.clear();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** One mounted volume and what has been written to it since the last report. */
    private final class Mounted {
        final Volume volume;
        final Path root;
        FolderWatch watch;
        int images;
        int videos;
        int documents;
        long bytes;
        List<String> names = new ArrayList<>();
        int omitted;
        Instant first;
        Instant last;

        Mounted(Volume volume) {
            this.volume = volume;
            this.root = Path.of(volume.mountPoint());
        }

        void written(Path file) throws IOException {
            FileKind kind;
            long size;
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                kind = KindSniffer.kindOf(in.readNBytes(KindSniffer.HEAD_BYTES), file.getFileName().toString());
                size = Files.size(file);
            } catch (NoSuchFileException e) {
                return;
            }
            if (kind != FileKind.IMAGE && kind != FileKind.VIDEO && kind != FileKind.DOCUMENT) {
                return;
            }
            Instant now = clock.instant();
            synchronized (this) {
                switch (kind) {
                    case IMAGE -> images++;
                    case VIDEO -> videos++;
                    default -> documents++;
                }
                bytes += size;
                String name = root.relativize(file).toString();
                if (names.size() < RemovableWrite.MAX_NAMES) {
                    names.add(name);
                } else {
                    omitted++;
                }
                first = first == null ? now : first;
                last = now;
            }
        }

        synchronized void reset() {
            images = 0;
            videos = 0;
            documents = 0;
            bytes = 0;
            names = new ArrayList<>();
            omitted = 0;
            first = null;
            last = null;
        }

        void close() throws IOException {
            if (watch != null) {
                watch.close();
            }
        }
    }
}
