package org.nestguard.agent.classify;

import java.util.Arrays;

/**
 * Which lists hold a domain or URL prefix, in 8 bytes an entry plus a small table: each entry is a 64-bit
 * {@link EntryHash} whose low {@value #LIST_BITS} bits are replaced by the number of the list that holds it,
 * sorted; a table of where each run of leading hash bits starts makes a lookup one or two cache misses instead of
 * a binary search. A million domains take 8 MB of entries and 4 MB of table; the strings are not kept. Two
 * different entries collide only if 54 hash bits agree: for a million entries about one lookup in 10^10 could
 * report a list that does not hold the host, and never the other way round.
 */
final class ListIndex {
    /** Bits of an entry that hold the list number. */
    static final int LIST_BITS = 10;
    /** How many lists one index can tell apart. */
    static final int MAX_LISTS = 1 << LIST_BITS;
    private static final long LIST_MASK = MAX_LISTS - 1;
    private static final int MAX_TABLE_BITS = 20;
    private static final ListIndex EMPTY = new ListIndex(new long[0], 1);

    private final long[] entries;
    private final int[] starts;
    private final int tableBits;

    private ListIndex(long[] sortedUnique, int tableBits) {
        this.entries = sortedUnique;
        this.tableBits = tableBits;
        this.starts = new int[(1 << tableBits) + 1];
        int bucket = 0;
        for (int i = 0; i < sortedUnique.length; i++) {
            int b = bucketOf(sortedUnique[i]);
            while (bucket <= b) {
                starts[bucket++] = i;
            }
        }
        while (bucket < starts.length) {
            starts[bucket++] = sortedUnique.length;
        }
    }

    static ListIndex empty() {
        return EMPTY;
    }

    /** The entry for {@code hash} in list {@code list}. */
    static long entry(long hash, int list) {
        if (list < 0 || list >= MAX_LISTS) {
            throw new IllegalArgumentException("list number " + list + " is outside 0.." + (MAX_LISTS - 1));
        }
        // The sign bit is flipped so that signed sort order is the unsigned order the bucket table needs.
        return ((hash & ~LIST_MASK) | list) ^ Long.MIN_VALUE;
    }

    /** Sorts the first {@code count} entries (the array is reused) and drops duplicates. */
    static ListIndex of(long[] entries, int count) {
        if (count == 0) {
            return EMPTY;
        }
        Arrays.sort(entries, 0, count);
        int unique = 1;
        for (int i = 1; i < count; i++) {
            if (entries[i] != entries[unique - 1]) {
                entries[unique++] = entries[i];
            }
        }
        long[] kept = unique == entries.length ? entries : Arrays.copyOf(entries, unique);
        int bits = Math.max(1, Math.min(MAX_TABLE_BITS, 31 - Integer.numberOfLeadingZeros(unique)));
        return new ListIndex(kept, bits);
    }

    int size() {
        return entries.length;
    }

    /** Bytes held, for the benchmark's arithmetic. */
    long bytes() {
        return 8L * entries.length + 4L * starts.length;
    }

    /** The position of the first entry with this hash, or -1; later positions may hold the same hash too. */
    int find(long hash) {
        long wanted = entry(hash, 0);
        int b = bucketOf(wanted);
        for (int i = starts[b], end = starts[b + 1]; i < end; i++) {
            long e = entries[i];
            if ((e & ~LIST_MASK) == (wanted & ~LIST_MASK)) {
                return i;
            }
            if (e > wanted) {
                return -1;
            }
        }
        return -1;
    }

    /** Whether the entry at {@code position} is for {@code hash}. */
    boolean holds(int position, long hash) {
        return position < entries.length
                && ((entries[position] ^ entry(hash, 0)) & ~LIST_MASK) == 0;
    }

    /** The list number of the entry at {@code position}. */
    int listAt(int position) {
        return (int) (entries[position] & LIST_MASK);
    }

    private int bucketOf(long entry) {
        return (int) ((entry ^ Long.MIN_VALUE) >>> (64 - tableBits));
    }
}
