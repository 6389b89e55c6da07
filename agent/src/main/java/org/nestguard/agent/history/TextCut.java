package org.nestguard.agent.history;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How long a visit's texts may be, and how a longer one is cut: at the limit, on a character boundary, with a marker
 * giving the whole length, so a reader of the visit knows it was cut and by how much. Readers cut as they read, so
 * the agent's small heap never holds more of a value than it keeps: a history file belongs to the account being
 * monitored, and a title of megabytes is the file's content, not a browser's.
 */
public final class TextCut {
    /**
     * Longest URL kept whole. Chromium keeps URLs up to 2 MB ({@code data:} URLs); the first 16 K characters say
     * where a child went, and a visit must fit in one outbox event.
     */
    public static final int MAX_URL_CHARS = 16 * 1024;
    /** Longest title or search query kept whole. */
    public static final int MAX_TEXT_CHARS = 2048;

    private TextCut() {
    }

    /** {@code text} itself when it has at most {@code max} characters, else its start and the marker. */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, keep(text, max)) + marker(text.length());
    }

    /**
     * {@code bytes} decoded, cut to {@code max} characters. A value far longer than {@code max} is decoded only as
     * far as it is kept; its length in characters is counted from the bytes.
     */
    static String decode(byte[] bytes, Charset charset, int max) {
        if (bytes.length <= max) {
            return new String(bytes, charset); // no encoding has fewer bytes than characters
        }
        boolean utf8 = charset.equals(StandardCharsets.UTF_8);
        int chars = utf8 ? utf8Chars(bytes) : bytes.length / 2;
        if (chars <= max) {
            return new String(bytes, charset);
        }
        // Decode a little more than is kept (UTF-8 takes up to 3 bytes a char, 4 for a pair), then cut as any text.
        int prefix = Math.min(bytes.length, utf8 ? 3 * (max + 1) : 2 * (max + 1));
        String start = new String(bytes, 0, prefix, charset);
        if (start.length() <= max) {
            return start; // malformed bytes decode to fewer characters than counted; all of them were decoded
        }
        return start.substring(0, keep(start, max)) + marker(chars);
    }

    /** Characters to keep of {@code text}: {@code max}, one fewer if that would split a surrogate pair. */
    private static int keep(String text, int max) {
        return Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    }

    private static String marker(long chars) {
        return " [cut by Nestguard: " + chars + " characters]";
    }

    /** Java characters in UTF-8 bytes: each byte that starts a character, two for one above U+FFFF. */
    private static int utf8Chars(byte[] bytes) {
        int chars = 0;
        for (byte b : bytes) {
            if ((b & 0xC0) != 0x80) {
                chars += (b & 0xF8) == 0xF0 ? 2 : 1;
            }
        }
        return chars;
    }
}
