package org.nestguard.agent.classify;

/**
 * Which lists hold a domain or URL prefix, in about 12.4 bytes an entry: each entry is a 64-bit {@link EntryHash}
 * whose low {@value #LIST_BITS} bits are replaced by the number of the list that holds it, stored in an
 * open-addressing table (linear probing, at most {@value #LOAD_PERCENT}% full, sized exactly by Lemire's
 * multiply-shift rather than to a power of two), behind a filter of 8 bits an entry with one hash (about 1 MB for
 * a million entries, so it stays in cache). Most lookups are for hosts no list holds; the filter turns 88% of
 * those away without touching the table, and a lookup that reaches the table is one cache miss (a sorted array
 * with a bucket table was two, a {@code HashSet<String>} three or four). A million domains take 12.4 MB; the
 * strings are not kept. Two different entries collide only if 54 hash bits agree: for a million entries about
 * one lookup in 10^10 could report a list that does not hold the host, and never the other way round.
 */
final class ListIndex {
    /** Bits of an entry that hold the list number. */
    static final int LIST_BITS = 10;
    /** How many lists one index can tell apart. */
    static final int MAX_LISTS = 1 << LIST_BITS;
    static final int LOAD_PERCENT = 70;
    private static final long LIST_MASK = MAX_LISTS - 1;
    private static final long EMPTY_SLOT = 0;
    private static final int FILTER_SHIFT = 20;
    private static final ListIndex EMPTY = new ListIndex(new long[1], 0, new long[1]);

    private final long[] slots;
    private final int size;
    private final long[] filter;
    private final int filterMask;

    private ListIndex(long[] slots, int size, long[] filter) {
        this.slots = slots;
        this.size = size;
        this.filter = filter;
        this.filterMask = filter.length * 64 - 1;
    }

    static ListIndex empty() {
        return EMPTY;
    }

    /** The entry for {@code hash} in list {@code list}; never 0, which marks an empty slot. */
    static long entry(long hash, int list) {
        if (list < 0 || list >= MAX_LISTS) {
            throw new IllegalArgumentException("list number " + list + " is outside 0.." + (MAX_LISTS - 1));
        }
        long key = hash & ~LIST_MASK;
        // A hash whose kept bits are all zero is moved to another value; it only costs a rare false collision.
        return (key == 0 ? MAX_LISTS : key) | list;
    }

    /** An index of the first {@code count} entries; duplicates are stored once. */
    static ListIndex of(long[] entries, int count) {
        if (count == 0) {
            return EMPTY;
        }
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, (long) count * 100 / LOAD_PERCENT + 1);
        long[] slots = new long[capacity];
        // 8 bits an entry, rounded up to a power of two so a bit is found with a mask.
        long[] filter = new long[Math.max(1, Integer.highestOneBit(Math.max(1, count / 8 - 1)) * 2)];
        int filterMask = filter.length * 64 - 1;
        int size = 0;
        for (int i = 0; i < count; i++) {
            long entry = entries[i];
            int slot = home(entry, capacity);
            while (slots[slot] != EMPTY_SLOT && slots[slot] != entry) {
                slot = slot + 1 == capacity ? 0 : slot + 1;
            }
            if (slots[slot] == EMPTY_SLOT) {
                slots[slot] = entry;
                size++;
                int bit = filterBit(entry, filterMask);
                filter[bit >>> 6] |= 1L << bit;
            }
        }
        return new ListIndex(slots, size, filter);
    }

    int size() {
        return size;
    }

    /** Bytes held, for the benchmark's arithmetic. */
    long bytes() {
        return 8L * slots.length + 8L * filter.length;
    }

    /** The first slot holding an entry for {@code hash}, or -1; {@link #next} gives the others. */
    int find(long hash) {
        long entry = entry(hash, 0);
        int bit = filterBit(entry, filterMask);
        if ((filter[bit >>> 6] & (1L << bit)) == 0) {
            return -1;
        }
        return scan(home(entry, slots.length), hash);
    }

    /** The next slot after {@code slot} holding an entry for {@code hash}, or -1. */
    int next(int slot, long hash) {
        return scan(slot + 1 == slots.length ? 0 : slot + 1, hash);
    }

    /** The list number of the entry in {@code slot}. */
    int listAt(int slot) {
        return (int) (slots[slot] & LIST_MASK);
    }

    private int scan(int from, long hash) {
        long wanted = entry(hash, 0) & ~LIST_MASK;
        long[] table = slots;
        for (int slot = from; ; slot = slot + 1 == table.length ? 0 : slot + 1) {
            long e = table[slot];
            if (e == EMPTY_SLOT) {
                return -1;
            }
            if ((e & ~LIST_MASK) == wanted) {
                return slot;
            }
        }
    }

    /** The entry's bit in the filter: hash bits below those {@link #home} uses, above the list number. */
    private static int filterBit(long entry, int mask) {
        return (int) (entry >>> FILTER_SHIFT) & mask;
    }

    /** The slot an entry's probe starts at: its top 32 bits scaled to the table (Lemire's fast range). */
    private static int home(long entry, int capacity) {
        return (int) (((entry >>> 32) * capacity) >>> 32);
    }
}
