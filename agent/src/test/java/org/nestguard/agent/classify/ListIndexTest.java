package org.nestguard.agent.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compact index: every list that holds a key, nothing for a key no list holds, duplicates once. */
class ListIndexTest {
    private static List<Integer> lists(ListIndex index, String key) {
        long hash = EntryHash.reverse(key);
        List<Integer> found = new ArrayList<>();
        for (int p = index.find(hash); p >= 0; p = index.next(p, hash)) {
            found.add(index.listAt(p));
        }
        return found;
    }

    @Test
    void findsEveryListHoldingAKeyAndDropsDuplicates() {
        int n = 200_000;
        long[] entries = new long[n * 2 + 2];
        int count = 0;
        for (int i = 0; i < n; i++) {
            entries[count++] = ListIndex.entry(EntryHash.reverse("site" + i + ".example"), i % 3);
        }
        entries[count++] = ListIndex.entry(EntryHash.reverse("site7.example"), 5);
        entries[count++] = ListIndex.entry(EntryHash.reverse("site7.example"), 5);
        ListIndex index = ListIndex.of(entries, count);
        assertEquals(n + 1, index.size());
        assertEquals(List.of(1, 5), lists(index, "site7.example").stream().sorted().toList());
        for (int i = 0; i < n; i += 997) {
            assertEquals(List.of(i % 3), lists(index, "site" + i + ".example"));
        }
        for (int i = 0; i < 10_000; i++) {
            assertEquals(List.of(), lists(index, "other" + i + ".example"));
        }
    }

    @Test
    void aMillionEntriesTakeUnderThirteenMegabytes() {
        int n = 1_000_000;
        long[] entries = new long[n];
        for (int i = 0; i < n; i++) {
            entries[i] = ListIndex.entry(EntryHash.reverse("host" + i + ".example"), 0);
        }
        ListIndex index = ListIndex.of(entries, n);
        assertEquals(n, index.size());
        // Slots at 70% load (11.4 MB) and the filter (1 MB); the benchmark measures the heap itself.
        assertEquals(11_428_576 + 1_048_576, index.bytes());
    }

    @Test
    void anEmptyIndexFindsNothing() {
        assertEquals(-1, ListIndex.of(new long[0], 0).find(EntryHash.reverse("example.com")));
        assertEquals(-1, ListIndex.empty().find(1));
    }

    @Test
    void aHashWhoseKeptBitsAreZeroIsStillFound() {
        ListIndex index = ListIndex.of(new long[] {ListIndex.entry(0x3ffL, 7)}, 1);
        assertEquals(List.of(7), found(index, 0x3ffL));
        assertEquals(List.of(), found(index, 0x12345L << 10));
    }

    private static List<Integer> found(ListIndex index, long hash) {
        List<Integer> lists = new ArrayList<>();
        for (int p = index.find(hash); p >= 0; p = index.next(p, hash)) {
            lists.add(index.listAt(p));
        }
        return lists;
    }

    @Test
    void refusesAListNumberItCannotStore() {
        assertThrows(IllegalArgumentException.class, () -> ListIndex.entry(1, ListIndex.MAX_LISTS));
    }

    @Test
    void aHostAndEachParentHashInOnePassLikeTheirOwnStrings() {
        String host = "a.b.example.co.uk";
        long state = EntryHash.START;
        List<Long> walked = new ArrayList<>();
        for (int i = host.length() - 1; i >= 0; i--) {
            state = EntryHash.step(state, host.charAt(i));
            if (i == 0 || host.charAt(i - 1) == '.') {
                walked.add(EntryHash.finish(state));
            }
        }
        assertEquals(List.of(EntryHash.reverse("uk"), EntryHash.reverse("co.uk"), EntryHash.reverse("example.co.uk"),
                EntryHash.reverse("b.example.co.uk"), EntryHash.reverse(host)), walked);
        byte[] ascii = host.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(EntryHash.reverse(host), EntryHash.reverse(ascii, 0, ascii.length));
    }
}
