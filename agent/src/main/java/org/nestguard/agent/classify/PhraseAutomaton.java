package org.nestguard.agent.classify;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds every phrase of a set in folded text in one pass (Aho–Corasick), reporting only occurrences that start at
 * a word boundary and, unless the phrase is a stem, end at one: so "ass" is not found in "assessment" nor "cunt"
 * in "Scunthorpe". The time is linear in the text plus the number of occurrences, whatever the number of phrases.
 * The trie is frozen into arrays: for each state, its edges sorted by character, searched by bisection, with a
 * direct table for ASCII at the root where most searches start again. A state can end two phrases with the same
 * words, a whole word and a stem ({@code porn} and {@code porn*}).
 *
 * <p>Folded text is nearly all lower-case ASCII letters, digits and spaces, so for those 37 characters the full
 * transition function (edges and failure links resolved) is also kept as a dense table of {@code char}s, one
 * array load a character; other characters take the sparse path. The table is built only while states fit in a
 * {@code char}: at most 65,535 states, 4.8 MB; the shipped lists need a few thousand.
 */
final class PhraseAutomaton {
    /** Receives each occurrence: the phrase's number and the characters {@code [start, end)} it covers. */
    interface Sink {
        void found(int phrase, int start, int end);
    }

    private final int[] edgeStart;
    private final char[] edgeChar;
    private final int[] edgeTarget;
    private final int[] rootAscii;
    private final int[] fail;
    private final int[] output;
    private final int[] stemOutput;
    private final int[] nextOutput;
    private final int[] length;
    private final boolean[] stem;
    private final int[] firstOutput;
    private final char[] dense;

    /** Column of each ASCII character in the dense table, or -1 for those no phrase holds (always to the root). */
    private static final byte[] COLUMN = new byte[128];
    private static final int COLUMNS = 37;

    static {
        java.util.Arrays.fill(COLUMN, (byte) -1);
        for (char c = 'a'; c <= 'z'; c++) {
            COLUMN[c] = (byte) (c - 'a');
        }
        for (char c = '0'; c <= '9'; c++) {
            COLUMN[c] = (byte) (26 + c - '0');
        }
        COLUMN[' '] = 36;
    }

    private PhraseAutomaton(int[] edgeStart, char[] edgeChar, int[] edgeTarget, int[] rootAscii, int[] fail,
                            int[] output, int[] stemOutput, int[] nextOutput, int[] length, boolean[] stem) {
        this.edgeStart = edgeStart;
        this.edgeChar = edgeChar;
        this.edgeTarget = edgeTarget;
        this.rootAscii = rootAscii;
        this.fail = fail;
        this.output = output;
        this.stemOutput = stemOutput;
        this.nextOutput = nextOutput;
        this.length = length;
        this.stem = stem;
        this.firstOutput = new int[fail.length];
        this.dense = null;
    }

    /** {@code sparse} with its failure links set, plus the dense table built from it. */
    private PhraseAutomaton(PhraseAutomaton sparse) {
        this.edgeStart = sparse.edgeStart;
        this.edgeChar = sparse.edgeChar;
        this.edgeTarget = sparse.edgeTarget;
        this.rootAscii = sparse.rootAscii;
        this.fail = sparse.fail;
        this.output = sparse.output;
        this.stemOutput = sparse.stemOutput;
        this.nextOutput = sparse.nextOutput;
        this.length = sparse.length;
        this.stem = sparse.stem;
        this.firstOutput = new int[fail.length];
        for (int s = 0; s < fail.length; s++) {
            firstOutput[s] = sparse.ends(s) ? s : nextOutput[s];
        }
        this.dense = fail.length <= Character.MAX_VALUE ? sparse.denseTable() : null;
    }

    /** An automaton for {@code phrases}; phrase {@code i} is reported as number {@code i}. Duplicates are refused. */
    static PhraseAutomaton of(List<Phrase> phrases) {
        // Build as a map-based trie: (state << 16 | char) -> state.
        Map<Long, Integer> edges = new HashMap<>();
        int[] outputOf = new int[16];
        int[] stemOf = new int[16];
        Arrays.fill(outputOf, -1);
        Arrays.fill(stemOf, -1);
        int states = 1;
        for (int p = 0; p < phrases.size(); p++) {
            String words = phrases.get(p).words();
            int state = 0;
            for (int i = 0; i < words.length(); i++) {
                long key = ((long) state << 16) | words.charAt(i);
                Integer next = edges.get(key);
                if (next == null) {
                    next = states++;
                    edges.put(key, next);
                    if (states > outputOf.length) {
                        int old = outputOf.length;
                        outputOf = Arrays.copyOf(outputOf, old * 2);
                        stemOf = Arrays.copyOf(stemOf, old * 2);
                        Arrays.fill(outputOf, old, outputOf.length, -1);
                        Arrays.fill(stemOf, old, stemOf.length, -1);
                    }
                }
                state = next;
            }
            int[] slot = phrases.get(p).stem() ? stemOf : outputOf;
            if (slot[state] >= 0) {
                throw new IllegalArgumentException("phrase '" + phrases.get(p) + "' is given twice");
            }
            slot[state] = p;
        }
        // Freeze the edges: count per state, then fill sorted by (state, char).
        long[] keys = new long[edges.size()];
        int k = 0;
        for (long key : edges.keySet()) {
            keys[k++] = key;
        }
        Arrays.sort(keys);
        int[] edgeStart = new int[states + 1];
        char[] edgeChar = new char[keys.length];
        int[] edgeTarget = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            edgeStart[(int) (keys[i] >>> 16) + 1]++;
            edgeChar[i] = (char) (keys[i] & 0xffff);
            edgeTarget[i] = edges.get(keys[i]);
        }
        for (int s = 0; s < states; s++) {
            edgeStart[s + 1] += edgeStart[s];
        }
        int[] rootAscii = new int[128];
        Arrays.fill(rootAscii, 0);
        for (int e = edgeStart[0]; e < edgeStart[1]; e++) {
            if (edgeChar[e] < 128) {
                rootAscii[edgeChar[e]] = edgeTarget[e];
            }
        }
        int[] output = Arrays.copyOf(outputOf, states);
        int[] stemOutput = Arrays.copyOf(stemOf, states);
        int[] fail = new int[states];
        int[] nextOutput = new int[states];
        Arrays.fill(nextOutput, -1);
        int[] length = new int[phrases.size()];
        boolean[] stem = new boolean[phrases.size()];
        for (int p = 0; p < phrases.size(); p++) {
            length[p] = phrases.get(p).words().length();
            stem[p] = phrases.get(p).stem();
        }
        PhraseAutomaton automaton = new PhraseAutomaton(edgeStart, edgeChar, edgeTarget, rootAscii, fail, output,
                stemOutput, nextOutput, length, stem);
        automaton.linkFailures();
        return new PhraseAutomaton(automaton);
    }

    /** Reports every occurrence in {@code folded}, which must be folded, in order of where each ends. */
    void scan(String folded, Sink sink) {
        scan(folded.toCharArray(), folded.length(), sink);
    }

    /** Reports every occurrence in the folded {@code text[0, n)}, in order of where each ends. */
    void scan(char[] text, int n, Sink sink) {
        // Fields in locals: the service's C1 compiler would load them again for every character.
        char[] table = dense;
        byte[] columns = COLUMN;
        int[] first = firstOutput;
        int state = 0;
        for (int i = 0; i < n; i++) {
            char c = text[i];
            if (table != null && c < 128) {
                int column = columns[c];
                state = column < 0 ? 0 : table[state * COLUMNS + column];
            } else {
                state = follow(state, c);
            }
            if (first[state] > 0) {
                for (int s = first[state]; s > 0; s = nextOutput[s]) {
                    report(output[s], text, n, i, sink);
                    report(stemOutput[s], text, n, i, sink);
                }
            }
        }
    }

    private void report(int phrase, char[] text, int n, int last, Sink sink) {
        if (phrase < 0) {
            return;
        }
        int start = last + 1 - length[phrase];
        if ((start == 0 || isBreak(text[start - 1]))
                && (stem[phrase] || last + 1 == n || isBreak(text[last + 1]))) {
            sink.found(phrase, start, last + 1);
        }
    }

    /** The next state by the edges and failure links, as Aho–Corasick defines it. */
    private int follow(int state, char c) {
        int next = step(state, c);
        while (next < 0 && state != 0) {
            state = fail[state];
            next = step(state, c);
        }
        return next < 0 ? 0 : next;
    }

    /** Every state's transition on the 37 common characters, breadth-first so failure targets come first. */
    private char[] denseTable() {
        int states = fail.length;
        char[] table = new char[states * COLUMNS];
        char[] alphabet = new char[COLUMNS];
        for (char c = 0; c < 128; c++) {
            if (COLUMN[c] >= 0) {
                alphabet[COLUMN[c]] = c;
            }
        }
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(0);
        while (!queue.isEmpty()) {
            int state = queue.poll();
            for (int column = 0; column < COLUMNS; column++) {
                int child = step(state, alphabet[column]);
                table[state * COLUMNS + column] = (char) (child >= 0 ? child
                        : state == 0 ? 0 : table[fail[state] * COLUMNS + column]);
            }
            for (int e = edgeStart[state]; e < edgeStart[state + 1]; e++) {
                queue.add(edgeTarget[e]);
            }
        }
        return table;
    }

    private boolean ends(int state) {
        return output[state] >= 0 || stemOutput[state] >= 0;
    }

    int phrases() {
        return length.length;
    }

    private int step(int state, char c) {
        if (state == 0 && c < 128) {
            int target = rootAscii[c];
            return target == 0 ? -1 : target;
        }
        int lo = edgeStart[state];
        int hi = edgeStart[state + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = edgeChar[mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return edgeTarget[mid];
            }
        }
        return -1;
    }

    /** Breadth-first: each state's failure link and the next state along it that ends a phrase. */
    private void linkFailures() {
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int e = edgeStart[0]; e < edgeStart[1]; e++) {
            fail[edgeTarget[e]] = 0;
            queue.add(edgeTarget[e]);
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            for (int e = edgeStart[state]; e < edgeStart[state + 1]; e++) {
                int child = edgeTarget[e];
                char c = edgeChar[e];
                int f = fail[state];
                int target = step(f, c);
                while (target < 0 && f != 0) {
                    f = fail[f];
                    target = step(f, c);
                }
                fail[child] = target < 0 || target == child ? 0 : target;
                int via = fail[child];
                nextOutput[child] = ends(via) ? via : nextOutput[via];
                queue.add(child);
            }
        }
    }

    private static boolean isBreak(char c) {
        return c == ' ' || c == TextFold.FIELD_BREAK;
    }
}
