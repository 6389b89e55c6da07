package org.nestguard.agent.classify;

/**
 * The 64-bit hash the list indexes keep instead of the entries themselves: FNV-1a over the entry's UTF-16 units,
 * finished with MurmurHash3's fmix64 so that every bit depends on every character. Domains are hashed right to
 * left, so one pass over a host yields the hash of the host and of each parent domain (the state at each dot);
 * URL prefixes are hashed left to right, so one pass over a path yields the hash of each segment prefix.
 */
final class EntryHash {
    static final long START = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private EntryHash() {
    }

    /** Adds one character to a running hash. */
    static long step(long state, char c) {
        return (state ^ c) * PRIME;
    }

    /** Turns a running hash into the value stored and looked up. */
    static long finish(long state) {
        long h = state;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** The hash of {@code text} read from its last character to its first (domains). */
    static long reverse(CharSequence text) {
        long state = START;
        for (int i = text.length() - 1; i >= 0; i--) {
            state = step(state, text.charAt(i));
        }
        return finish(state);
    }

    /** The same as {@link #reverse(CharSequence)} for ASCII bytes {@code [from, to)}, as list files hold them. */
    static long reverse(byte[] ascii, int from, int to) {
        long state = START;
        for (int i = to - 1; i >= from; i--) {
            state = step(state, (char) (ascii[i] & 0xff));
        }
        return finish(state);
    }

    /** The hash of {@code text} read from its first character to its last (URL prefixes). */
    static long forward(CharSequence text) {
        long state = START;
        for (int i = 0; i < text.length(); i++) {
            state = step(state, text.charAt(i));
        }
        return finish(state);
    }
}
