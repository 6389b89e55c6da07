package org.nestguard.agent.history;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

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
        requirePositive(max);
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, keep(text, max)) + marker(text.length());
    }

    /** {@code text} without the marker {@link #cut} ends a cut text with, so the marker is never read as content. */
    public static String withoutMarker(String text) {
        if (text == null || !text.endsWith(" characters]")) {
            return text;
        }
        int marker = text.lastIndexOf(" [cut by Nestguard: ");
        return marker < 0 ? text : text.substring(0, marker);
    }

    /**
     * {@code bytes} decoded, cut to {@code max} characters. Only a bounded start of a long value is decoded into
     * a string; its whole length in characters is counted by decoding it through a small buffer.
     */
    static String decode(byte[] bytes, Charset charset, int max) {
        requirePositive(max);
        if (bytes.length <= max) {
            return new String(bytes, charset); // no encoding gives more characters than bytes
        }
        // Every character, or replaced malformed sequence, takes at most 4 bytes here (3 in UTF-8 for a char on its
        // own, 4 for a pair, 2 in UTF-16): this start holds more than max characters whenever it is not all.
        int prefix = (int) Math.min(bytes.length, 4L * (max + 1));
        String start = new String(bytes, 0, prefix, charset);
        if (prefix == bytes.length) {
            return cut(start, max);
        }
        return start.substring(0, keep(start, max)) + marker(decodedLength(bytes, charset));
    }

    /** Characters to keep of {@code text}: {@code max}, one fewer if that would split a surrogate pair. */
    private static int keep(String text, int max) {
        return Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    }

    private static String marker(long chars) {
        return " [cut by Nestguard: " + chars + " characters]";
    }

    private static void requirePositive(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a cut keeps at least one character, not " + max);
        }
    }

    /** How many characters {@code new String(bytes, charset)} would have, without making it. */
    private static long decodedLength(byte[] bytes, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        long chars = 0;
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            chars += out.position();
            out.clear();
            if (result.isUnderflow()) {
                break;
            }
        }
        while (!decoder.flush(out).isUnderflow()) {
            chars += out.position();
            out.clear();
        }
        return chars + out.position();
    }
}
