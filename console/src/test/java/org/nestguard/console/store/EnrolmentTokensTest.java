package org.nestguard.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

class EnrolmentTokensTest extends StoreTestBase {

    private EnrolmentTokens tokens(Database database) {
        new Settings(database, clock).add("ditton-junior", "Ditton CE Junior School");
        return new EnrolmentTokens(database, clock, new SecureRandom());
    }

    @StoreTest
    void theSecretIsGivenOnceAndOnlyItsHashIsStored(StoreKind kind) {
        Database database = open(kind);
        IssuedToken issued = tokens(database).create("ditton-junior", 3, Duration.ofDays(7));

        assertTrue(issued.secret().startsWith("ngt_"));
        assertFalse(issued.toString().contains(issued.secret()), "a logged token must not show its secret");
        String stored = database.read(connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT token_hash FROM enrolment_tokens")) {
                row.next();
                return row.getString(1);
            }
        });
        assertNotEquals(issued.secret(), stored);
        assertEquals(Sha256.hex(issued.secret()), stored);
    }

    @StoreTest
    void listShowsUsesLeftAndExpiry(StoreKind kind) {
        EnrolmentTokens tokens = tokens(open(kind));
        IssuedToken issued = tokens.create("ditton-junior", 2, Duration.ofDays(7));
        tokens.consume(issued.secret());

        EnrolmentToken listed = tokens.list("ditton-junior").get(0);
        assertEquals(issued.token().id(), listed.id());
        assertEquals(2, listed.usesTotal());
        assertEquals(1, listed.usesLeft());
        assertEquals(clock.instant().plus(Duration.ofDays(7)), listed.expiresAt());
    }

    @StoreTest
    void eachRefusalSaysWhy(StoreKind kind) {
        EnrolmentTokens tokens = tokens(open(kind));
        IssuedToken once = tokens.create("ditton-junior", 1, Duration.ofDays(7));
        IssuedToken shortLived = tokens.create("ditton-junior", 5, Duration.ofHours(1));

        assertEquals(new TokenConsumption(TokenStatus.ACCEPTED, "ditton-junior"), tokens.consume(once.secret()));
        assertEquals(TokenStatus.USED_UP, tokens.consume(once.secret()).status());
        assertEquals(TokenStatus.UNKNOWN, tokens.consume("ngt_not-a-token").status());
        assertEquals(TokenStatus.UNKNOWN, tokens.consume("").status());
        clock.advance(Duration.ofHours(1));
        assertEquals(TokenStatus.EXPIRED, tokens.consume(shortLived.secret()).status());
        assertEquals(5, tokens.list("ditton-junior").stream()
                .filter(t -> t.id().equals(shortLived.token().id())).findFirst().orElseThrow().usesLeft());
    }

    @StoreTest
    void badRequestsAreRefusedWithWhatToDo(StoreKind kind) {
        EnrolmentTokens tokens = tokens(open(kind));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> tokens.create("ditton-junior", 0, Duration.ofDays(1))).getMessage().contains("at least 1"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> tokens.create("ditton-junior", 1, Duration.ZERO)).getMessage().contains("P7D"));
        assertTrue(assertThrows(StoreException.class,
                () -> tokens.create("nowhere", 1, Duration.ofDays(1))).getMessage().contains("'nowhere'"));
    }

    @StoreTest
    void concurrentEnrolmentsNeverExceedTheUses(StoreKind kind) throws Exception {
        EnrolmentTokens tokens = tokens(open(kind));
        int uses = 5;
        int consumers = 24;
        IssuedToken issued = tokens.create("ditton-junior", uses, Duration.ofDays(1));
        ExecutorService pool = Executors.newFixedThreadPool(consumers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<TokenStatus>> attempts = new ArrayList<>();
            for (int i = 0; i < consumers; i++) {
                attempts.add(() -> {
                    start.await();
                    return tokens.consume(issued.secret()).status();
                });
            }
            List<Future<TokenStatus>> futures = new ArrayList<>();
            for (Callable<TokenStatus> attempt : attempts) {
                futures.add(pool.submit(attempt));
            }
            start.countDown();
            List<TokenStatus> outcomes = new ArrayList<>();
            for (Future<TokenStatus> future : futures) {
                outcomes.add(future.get());
            }
            Map<TokenStatus, Long> counts = outcomes.stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertEquals(Map.of(TokenStatus.ACCEPTED, (long) uses, TokenStatus.USED_UP, (long) (consumers - uses)),
                    counts);
            assertEquals(0, tokens.list("ditton-junior").get(0).usesLeft());
        } finally {
            pool.shutdownNow();
        }
    }
}
