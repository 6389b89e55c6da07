package org.nestguard.agent.classify;

import java.util.Arrays;

/**
 * Looks for one fixed string in runs of characters by Boyer-Moore-Horspool: a text without it is mostly read one
 * character in every few, where a plain search reads them all. For the self-test canary, looked for in every visit.
 */
final class SubstringSearch {
    private final char[] word;
    /** How far the window moves when its last character is {@code c} (ASCII); others move it the whole length. */
    private final int[] shift = new int[128];

    SubstringSearch(String word) {
        if (word.isEmpty()) {
            throw new IllegalArgumentException("an empty string is found everywhere");
        }
        this.word = word.toCharArray();
        int n = this.word.length;
        Arrays.fill(shift, n);
        for (int i = 0; i < n - 1; i++) {
            if (this.word[i] < 128) {
                shift[this.word[i]] = n - 1 - i;
            }
        }
    }

    /** Whether the string occurs in {@code text[from, to)}. */
    boolean in(char[] text, int from, int to) {
        char[] w = word;
        int n = w.length;
        char lastChar = w[n - 1];
        for (int end = from + n - 1; end < to; ) {
            char c = text[end];
            if (c == lastChar) {
                int k = n - 2;
                int start = end - n + 1;
                while (k >= 0 && text[start + k] == w[k]) {
                    k--;
                }
                if (k < 0) {
                    return true;
                }
            }
            end += c < 128 ? shift[c] : n;
        }
        return false;
    }
}
