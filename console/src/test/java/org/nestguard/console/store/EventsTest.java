package org.nestguard.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.nestguard.protocol.wire.Event;

class EventsTest extends StoreTestBase {
    private static final Instant T0 = Instant.parse("2026-01-12T08:00:00Z");

    private Devices devices;
    private String deviceId;

    private Events events(Database database) {
        new Settings(database, clock).add("ditton-junior", "Ditton CE Junior School");
        devices = new Devices(database, clock);
        deviceId = devices.enrol("ditton-junior", DevicesTest.laptop("A", "SER-A", "uuid-a"), "s1").deviceId();
        return new Events(database, clock);
    }

    static Event result(long sequence, String control, String status) {
        JsonNode payload = JsonNodeFactory.instance.objectNode().put("control", control).put("status", status);
        return new Event(sequence, T0.plus(Duration.ofMinutes(sequence)), Events.CHECK_RESULT, payload);
    }

    static Event other(long sequence, String type) {
        return new Event(sequence, T0.plus(Duration.ofMinutes(sequence)), type,
                JsonNodeFactory.instance.objectNode().put("n", sequence));
    }

    private static List<Event> range(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(n -> other(n, "note")).toList();
    }

    @StoreTest
    void aDuplicateBatchIsStoredOnceAndAnsweredTheSame(StoreKind kind) {
        Events events = events(open(kind));
        assertEquals(3, events.append(deviceId, range(1, 3)));
        assertEquals(3, events.append(deviceId, range(1, 3)));
        assertEquals(5, events.append(deviceId, range(2, 5)));

        List<StoredEvent> stored = events.read(deviceId, null, null, null);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), stored.stream().map(StoredEvent::sequence).toList());
        assertEquals(2, stored.get(1).payload().get("n").asLong(), "the first copy is the one kept");
    }

    @StoreTest
    void aGapHoldsTheAnswerBackUntilItIsFilled(StoreKind kind) {
        Events events = events(open(kind));
        assertEquals(2, events.append(deviceId, List.of(other(1, "note"), other(2, "note"), other(4, "note"))));
        assertEquals(2, events.append(deviceId, List.of(other(5, "note"))));
        assertEquals(5, events.append(deviceId, List.of(other(3, "note"))));
        assertEquals(5, events.append(deviceId, List.of()));
    }

    @StoreTest
    void concurrentCheckInsFromOneDeviceStoreEveryEventExactlyOnce(StoreKind kind) throws Exception {
        Database database = open(kind);
        Events events = events(database);
        int total = 300;
        int uploaders = 8;
        // each uploader sends the whole range in its own random batches, as retries after lost answers would
        List<Callable<Long>> uploads = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int u = 0; u < uploaders; u++) {
            Random random = new Random(u);
            List<List<Event>> batches = new ArrayList<>();
            for (long from = 1; from <= total; ) {
                long to = Math.min(total, from + random.nextInt(40));
                batches.add(range(from, to));
                from = to + 1;
            }
            Collections.shuffle(batches, random);
            uploads.add(() -> {
                start.await();
                long answer = 0;
                for (List<Event> batch : batches) {
                    answer = Math.max(answer, events.append(deviceId, batch));
                }
                return answer;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(uploaders);
        try {
            List<Future<Long>> answers = new ArrayList<>();
            for (Callable<Long> upload : uploads) {
                answers.add(pool.submit(upload));
            }
            start.countDown();
            for (Future<Long> answer : answers) {
                answer.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<StoredEvent> stored = events.read(deviceId, null, null, null);
        assertEquals(LongStream.rangeClosed(1, total).boxed().toList(),
                stored.stream().map(StoredEvent::sequence).toList());
        assertEquals(total, events.append(deviceId, List.of()));
    }

    @StoreTest
    void aReenrolledDevicesNewAgentStartsAgainAtOneWithoutLosingTheOldEvents(StoreKind kind) {
        Events events = events(open(kind));
        events.append(deviceId, range(1, 10));
        devices.enrol("ditton-junior", DevicesTest.laptop("A-reimaged", "SER-A", "uuid-a"), "s2");

        assertEquals(2, events.append(deviceId, range(1, 2)), "sequences 1 and 2 of the new image are new events");
        List<StoredEvent> stored = events.read(deviceId, null, null, null);
        assertEquals(12, stored.size());
        assertEquals(List.of(2, 2), stored.subList(10, 12).stream().map(StoredEvent::enrolment).toList());
    }

    @StoreTest
    void eventsAreReadByTypeAndTime(StoreKind kind) {
        Events events = events(open(kind));
        events.append(deviceId, List.of(result(1, "screenLock", "PASS"), other(2, "command-result"),
                result(3, "encryption", "FAIL"), other(4, "command-result")));

        assertEquals(List.of(1L, 3L), events.read(deviceId, Events.CHECK_RESULT, null, null).stream()
                .map(StoredEvent::sequence).toList());
        assertEquals(List.of(2L, 3L), events.read(deviceId, null, T0.plus(Duration.ofMinutes(2)),
                T0.plus(Duration.ofMinutes(4))).stream().map(StoredEvent::sequence).toList());
        StoredEvent first = events.read(deviceId, Events.CHECK_RESULT, null, null).get(0);
        assertEquals("screenLock", first.control());
        assertEquals(T0.plus(Duration.ofMinutes(1)), first.recordedAt());
        assertEquals(clock.instant(), first.receivedAt());
        assertEquals("PASS", first.payload().get("status").asText());
    }

    @StoreTest
    void latestResultPerControlIsTheAgentsNewest(StoreKind kind) {
        Events events = events(open(kind));
        events.append(deviceId, List.of(result(1, "screenLock", "FAIL"), result(2, "encryption", "FAIL"),
                other(3, "command-result"), result(4, "screenLock", "PASS")));
        devices.enrol("ditton-junior", DevicesTest.laptop("A", "SER-A", "uuid-a"), "s2");
        events.append(deviceId, List.of(result(1, "encryption", "PASS")));

        List<StoredEvent> latest = events.latestResults(deviceId);
        assertEquals(List.of("encryption", "screenLock"), latest.stream().map(StoredEvent::control).toList());
        assertEquals(List.of("PASS", "PASS"), latest.stream().map(e -> e.payload().get("status").asText()).toList());
        assertEquals(2, latest.get(0).enrolment(), "after re-imaging, the new image's result is the current one");
    }

    @StoreTest
    void badEventsAndUnknownDevicesAreRefusedAndNothingOfTheBatchIsKept(StoreKind kind) {
        Events events = events(open(kind));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> events.append(deviceId, List.of(other(1, "note"), other(0, "note"))));
        assertTrue(zero.getMessage().contains("start at 1"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> events.append(deviceId, List.of(other(1, " "))));
        StoreException unknown = assertThrows(StoreException.class,
                () -> events.append("no-such-device", range(1, 1)));
        assertTrue(unknown.getMessage().contains("'no-such-device'"), unknown.getMessage());
        assertEquals(List.of(), events.read(deviceId, null, null, null));
    }
}
