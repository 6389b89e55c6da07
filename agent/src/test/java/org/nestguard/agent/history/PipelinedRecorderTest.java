package org.nestguard.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.Visit;

/**
 * The pipelined recorder passes visits on from its own thread, yet the recorder it wraps sees exactly the calls, in
 * the order, that it would have seen directly; a batch ends only after its visits; failures stop the collection;
 * what waits between the threads is bounded by size.
 */
class PipelinedRecorderTest {
    private static final BrowserProfile PROFILE = new BrowserProfile("chromium", HistoryFormat.CHROMIUM, "amira",
            "Default", Path.of("/home/amira/.config/chromium/Default/History"));

    private static Visit visit(String url) {
        return new Visit(Instant.parse("2026-12-02T09:00:00Z"), url, "a title", "chromium", "Default", "amira",
                AccountKind.LEARNER, "link", null);
    }

    private static BatchEnd end(int visits) {
        return new BatchEnd(List.of(PROFILE), visits, List.of(), List.of(), false);
    }

    /** Writes down each call and the thread it came on. */
    private static final class Log implements HistoryRecorder {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final List<String> visitThreads = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void visit(BrowserProfile profile, Visit visit) {
            calls.add(visit.url());
            visitThreads.add(Thread.currentThread().getName());
        }

        @Override
        public void endOfBatch(BatchEnd batch) {
            calls.add("end after " + calls.size());
        }
    }

    @Test
    void theWrappedRecorderSeesEveryCallInOrderAndABatchEndsAfterItsVisits() throws IOException {
        Log log = new Log();
        try (PipelinedRecorder pipeline = new PipelinedRecorder(log, "test-recorder")) {
            for (int i = 0; i < 5000; i++) {
                pipeline.visit(PROFILE, visit("https://example.org/" + i));
            }
            pipeline.endOfBatch(end(5000));
            assertEquals("end after 5000", log.calls.get(5000), "the batch ended once all 5000 were recorded");
            pipeline.visit(PROFILE, visit("https://example.org/next"));
            pipeline.endOfBatch(end(1));
        }
        assertEquals(5003, log.calls.size());
        assertEquals("https://example.org/0", log.calls.get(0));
        assertEquals("https://example.org/4999", log.calls.get(4999));
        assertEquals(List.of("https://example.org/next", "end after 5002"), log.calls.subList(5001, 5003));
        assertTrue(log.visitThreads.stream().allMatch("test-recorder"::equals), "visits pass on the other thread");
    }

    @Test
    void closingWaitsForTheVisitsAlreadyHandedOver() throws IOException {
        Log log = new Log();
        try (PipelinedRecorder pipeline = new PipelinedRecorder(log, "test-recorder")) {
            for (int i = 0; i < 1000; i++) {
                pipeline.visit(PROFILE, visit("https://example.org/" + i));
            }
        }
        assertEquals(1000, log.calls.size(), "a collection that stops mid-batch still records what it handed over");
    }

    @Test
    void aFailureOfTheWrappedRecorderStopsTheCollectionAndNothingAfterItIsRecorded() throws IOException {
        IOException full = new IOException("the outbox is full");
        List<String> recorded = Collections.synchronizedList(new ArrayList<>());
        HistoryRecorder failing = new HistoryRecorder() {
            @Override
            public void visit(BrowserProfile profile, Visit visit) throws IOException {
                if (visit.url().endsWith("/3")) {
                    throw full;
                }
                recorded.add(visit.url());
            }

            @Override
            public void endOfBatch(BatchEnd batch) {
                recorded.add("end");
            }
        };
        try (PipelinedRecorder pipeline = new PipelinedRecorder(failing, "test-recorder")) {
            for (int i = 0; i < 6; i++) {
                pipeline.visit(PROFILE, visit("https://example.org/" + i)); // may throw already, or not yet
            }
            IOException thrown = assertThrows(IOException.class, () -> pipeline.endOfBatch(end(6)));
            assertSame(full, thrown, "the recorder's own failure, so the collector keeps the cursors where they were");
            assertThrows(IOException.class, () -> pipeline.visit(PROFILE, visit("https://example.org/7")));
        } catch (IOException thrownDuringVisits) {
            assertSame(full, thrownDuringVisits);
        }
        assertEquals(List.of("https://example.org/0", "https://example.org/1", "https://example.org/2"), recorded,
                "nothing after the failure, and the batch never ended");
    }

    @Test
    void handingOverWaitsWhileTheVisitsInFlightReachTheirBound() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        HistoryRecorder slow = new HistoryRecorder() {
            @Override
            public void visit(BrowserProfile profile, Visit visit) throws IOException {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                sizes.add(visit.url().length());
            }

            @Override
            public void endOfBatch(BatchEnd batch) {
            }
        };
        // each visit is a third of the bound: one being recorded (blocked), three waiting fill it
        String url = "https://example.org/" + "a".repeat(PipelinedRecorder.IN_FLIGHT_BYTES / 6 - 200);
        try (PipelinedRecorder pipeline = new PipelinedRecorder(slow, "test-recorder")) {
            Thread producer = new Thread(() -> {
                try {
                    for (int i = 0; i < 8; i++) {
                        pipeline.visit(PROFILE, visit(url));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            producer.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (producer.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(Thread.State.WAITING, producer.getState(), "the fifth visit waits for room");
            assertTrue(sizes.isEmpty());
            release.countDown();
            producer.join(TimeUnit.SECONDS.toMillis(30));
            pipeline.endOfBatch(end(8));
        }
        assertEquals(8, sizes.size());
    }
}
