package org.nestguard.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

class SettingsTest extends StoreTestBase {

    @StoreTest
    void addedSettingIsListedAndItsIdCannotBeReused(StoreKind kind) {
        Settings settings = new Settings(open(kind), clock);
        settings.add("ditton-junior", "Ditton CE Junior School");
        settings.add("acorn-nursery", "Acorn Nursery");

        assertEquals(List.of("acorn-nursery", "ditton-junior"), settings.list().stream().map(Setting::id).toList());
        StoreException duplicate = assertThrows(StoreException.class, () -> settings.add("ditton-junior", "Other"));
        assertTrue(duplicate.getMessage().contains("already exists"), duplicate.getMessage());
    }

    @StoreTest
    void eachPolicyImportIsTheNextVersionAndHistoryKeepsTheOldOnes(StoreKind kind) {
        Settings settings = new Settings(open(kind), clock);
        settings.add("ditton-junior", "Ditton CE Junior School");
        assertTrue(settings.currentPolicy("ditton-junior").isEmpty());

        PolicyVersion first = settings.storePolicy("ditton-junior", "screenLock: {maxIdle: PT5M}\n", "tech@ditton",
                "initial import");
        clock.advance(java.time.Duration.ofDays(1));
        PolicyVersion second = settings.storePolicy("ditton-junior", "screenLock: {maxIdle: PT3M}\n", "dsl@ditton",
                "governors asked for 3 minutes");

        assertEquals(1, first.version());
        assertEquals(2, second.version());
        assertEquals(second, settings.currentPolicy("ditton-junior").orElseThrow());
        assertEquals(Sha256.hex("screenLock: {maxIdle: PT3M}\n"), second.sha256());
        assertEquals(List.of(second, first), settings.history("ditton-junior"));
        assertEquals(2, settings.find("ditton-junior").orElseThrow().policyVersion());
    }

    @StoreTest
    void policyForAnUnknownSettingIsRefusedWithTheId(StoreKind kind) {
        Settings settings = new Settings(open(kind), clock);
        StoreException refused = assertThrows(StoreException.class,
                () -> settings.storePolicy("nowhere", "a: 1", "tech", "test"));
        assertTrue(refused.getMessage().contains("'nowhere'"), refused.getMessage());
    }

    @StoreTest
    void concurrentImportsGetDistinctVersions(StoreKind kind) throws Exception {
        Settings settings = new Settings(open(kind), clock);
        settings.add("ditton-junior", "Ditton CE Junior School");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> imports = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String yaml = "revision: " + i + "\n";
                imports.add(() -> settings.storePolicy("ditton-junior", yaml, "tech", "parallel").version());
            }
            List<Integer> versions = new ArrayList<>();
            for (Future<Integer> version : pool.invokeAll(imports)) {
                versions.add(version.get());
            }
            versions.sort(null);
            assertEquals(java.util.stream.IntStream.rangeClosed(1, 16).boxed().toList(), versions);
        } finally {
            pool.shutdownNow();
        }
    }
}
