package org.nestguard.agent.history;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.nestguard.protocol.monitoring.Visit;

/**
 * A {@link HistoryRecorder} that passes each visit on to the recorder it wraps from a thread of its own, so that
 * reading the next rows of a history and classifying the last ones use two cores at once. The end of a batch
 * waits until every visit before it has been passed on, then is passed on from the collector's thread: the wrapped
 * recorder sees its calls one at a time, in order, and what it has recorded when a batch ends is exactly what it
 * had before. A failure of the wrapped recorder stops the collection at the next call, as it would have at once.
 * Visits go over in chunks, and those in flight are bounded by their size, not their number, so a history of huge
 * URLs cannot fill the heap.
 * Close it to stop the thread (after the visits already handed over have been passed on).
 */
public final class PipelinedRecorder implements HistoryRecorder, AutoCloseable {
    /**
     * How much visit text may wait for the other thread, by {@link #weight}. Small on purpose: visits that wait
     * outlive a young collection and are promoted, and in the service's small heap 1 MiB in flight filled the old
     * generation every few batches (a full collection about every 0.1 s of a catch-up, 0.4 s of 4 s in all).
     */
    static final int IN_FLIGHT_BYTES = 256 << 10;
    private static final int CHUNK_VISITS = 64;
    private static final int CHUNK_BYTES = IN_FLIGHT_BYTES / 4;
    private static final Object STOP = new Object();

    private final HistoryRecorder downstream;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(IN_FLIGHT_BYTES);
    private final Thread worker;
    private volatile Throwable failure;
    // the chunk being filled, by the collector's thread only
    private List<Handed> chunk = new ArrayList<>(CHUNK_VISITS);
    private int chunkWeight;

    public PipelinedRecorder(HistoryRecorder downstream, String threadName) {
        this.downstream = downstream;
        this.worker = new Thread(this::passOn, threadName);
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void visit(BrowserProfile profile, Visit visit) throws IOException {
        rethrowFailure();
        int weight = weight(visit);
        chunk.add(new Handed(profile, visit));
        chunkWeight = Math.min(IN_FLIGHT_BYTES, chunkWeight + weight);
        if (chunk.size() >= CHUNK_VISITS || chunkWeight >= CHUNK_BYTES) {
            handOver();
        }
    }

    @Override
    public void endOfBatch(BatchEnd batch) throws IOException {
        handOver();
        drain();
        rethrowFailure();
        downstream.endOfBatch(batch);
    }

    /** Waits for the visits handed over so far, then stops the thread. */
    @Override
    public void close() throws IOException {
        try {
            handOver();
        } finally {
            queue.add(STOP);
        }
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stopped while the recorder finished its last visits");
        }
    }

    // visits go over in chunks: a queue operation (locks, a wake-up) per visit cost the reading thread more than
    // a chunk's worth of visits does
    private void handOver() throws IOException {
        if (chunk.isEmpty()) {
            return;
        }
        try {
            room.acquire(chunkWeight);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stopped while handing visits to the recorder");
        }
        queue.add(new Chunk(chunk, chunkWeight));
        chunk = new ArrayList<>(CHUNK_VISITS);
        chunkWeight = 0;
    }

    private void drain() throws IOException {
        CountDownLatch passed = new CountDownLatch(1);
        queue.add(passed);
        try {
            // the thread only ends on close or a JVM error: if it is gone, say so rather than wait for ever
            while (!passed.await(1, TimeUnit.SECONDS)) {
                if (!worker.isAlive()) {
                    throw new IOException("the thread recording history visits has stopped: " + failure);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stopped while waiting for the recorder to finish a batch");
        }
    }

    private void passOn() {
        while (true) {
            Object next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (next == STOP) {
                return;
            }
            if (next instanceof CountDownLatch passed) {
                passed.countDown();
                continue;
            }
            Chunk handed = (Chunk) next;
            room.release(handed.weight);
            for (Handed visit : handed.visits) {
                if (failure != null) {
                    break; // the collection stops at its next call; what follows the failure is not recorded
                }
                try {
                    downstream.visit(visit.profile, visit.visit);
                } catch (Throwable e) {
                    failure = e;
                }
            }
        }
    }

    private void rethrowFailure() throws IOException {
        Throwable failed = failure;
        if (failed == null) {
            return;
        }
        if (failed instanceof IOException io) {
            throw io;
        }
        if (failed instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failed instanceof Error error) {
            throw error;
        }
        throw new UncheckedIOException(new IOException("recording a history visit failed", failed));
    }

    /** A visit's share of {@link #IN_FLIGHT_BYTES}: its text's size in memory, at most the whole allowance. */
    static int weight(Visit visit) {
        long chars = visit.url().length() + visit.title().length()
                + (visit.searchTerms() == null ? 0 : visit.searchTerms().length());
        return (int) Math.min(IN_FLIGHT_BYTES, 2 * chars + 128);
    }

    private record Handed(BrowserProfile profile, Visit visit) {
    }

    private record Chunk(List<Handed> visits, int weight) {
    }
}
