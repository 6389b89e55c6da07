package org.nestguard.agent.classify;

import java.util.Arrays;

/**
 * A growable run of characters that {@link TextFold} writes folded text into: a {@code char[]} rather than a
 * {@link StringBuilder}, so that a visit's text is folded, scanned and dropped without a copy or a string.
 */
final class FoldBuffer {
    char[] chars;
    int length;

    FoldBuffer(int capacity) {
        this.chars = new char[Math.max(16, capacity)];
    }

    /** Makes room for {@code more} characters after the current ones. */
    void reserve(int more) {
        int needed = length + more;
        if (needed > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(needed, chars.length * 2));
        }
    }

    void append(char c) {
        reserve(1);
        chars[length++] = c;
    }

    void append(String text) {
        reserve(text.length());
        text.getChars(0, text.length(), chars, length);
        length += text.length();
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }
}
