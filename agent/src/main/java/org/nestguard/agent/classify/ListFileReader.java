package org.nestguard.agent.classify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a list file line by line from its bytes, making no string for an entry unless asked, which is what lets
 * a million-line domain list load in a fraction of a second. A UTF-8 byte-order mark is skipped, a trailing
 * carriage return dropped, blank lines skipped, and an entry's text stops at white space followed by {@code #}
 * (an inline comment). Lines starting with {@code #} are comments; {@code # category: NAME} among them says
 * which category the list counts toward.
 */
final class ListFileReader {
    static final String CATEGORY_HEADER = "# category:";

    /** Receives what the file holds. */
    interface Lines {
        /** A comment line, whole. */
        void comment(int number, String text);

        /** An entry: its bytes {@code [from, to)}, trimmed, at least one byte. */
        void entry(int number, byte[] bytes, int from, int to);
    }

    private ListFileReader() {
    }

    static void read(InputStream in, Lines lines) throws IOException {
        byte[] buffer = new byte[1 << 16];
        byte[] line = new byte[256];
        int length = 0;
        int number = 0;
        boolean first = true;
        int read;
        while ((read = in.read(buffer)) > 0) {
            int start = 0;
            if (first) {
                first = false;
                if (read >= 3 && (buffer[0] & 0xff) == 0xef && (buffer[1] & 0xff) == 0xbb
                        && (buffer[2] & 0xff) == 0xbf) {
                    start = 3;
                }
            }
            for (int i = start; i < read; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    deliver(++number, line, length, lines);
                    length = 0;
                } else {
                    if (length == line.length) {
                        line = Arrays.copyOf(line, length * 2);
                    }
                    line[length++] = b;
                }
            }
        }
        if (length > 0) {
            deliver(++number, line, length, lines);
        }
    }

    /** The text of {@code [from, to)} as UTF-8. */
    static String text(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    private static void deliver(int number, byte[] line, int length, Lines lines) {
        int from = 0;
        int to = length;
        while (from < to && isBlank(line[from])) {
            from++;
        }
        while (to > from && (isBlank(line[to - 1]) || line[to - 1] == '\r')) {
            to--;
        }
        if (from == to) {
            return;
        }
        if (line[from] == '#') {
            lines.comment(number, text(line, from, to));
            return;
        }
        for (int i = from + 1; i < to; i++) {
            if (line[i] == '#' && isBlank(line[i - 1])) {
                to = i - 1;
                while (to > from && isBlank(line[to - 1])) {
                    to--;
                }
                break;
            }
        }
        lines.entry(number, line, from, to);
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }
}
