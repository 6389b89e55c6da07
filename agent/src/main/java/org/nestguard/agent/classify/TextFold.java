package org.nestguard.agent.classify;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Text as the keyword library compares it: Unicode NFKC (full-width and other compatibility forms become plain
 * letters), lower case in the root locale, accents removed from Latin, Greek and Cyrillic letters, words
 * separated by exactly one space, and everything that is not a letter, digit or mark a separator.
 *
 * <p>Why accents go: the filtering standard expects misspellings to be caught, and "pórn" or "sùicide" are the
 * cheapest ones; the English lists have no accented phrases, and phrases are folded the same way, so an accented
 * phrase still matches its own text. The cost is that two words differing only by accents become one (Spanish
 * "año" and "ano"); only imported foreign-language lists can meet that. Also folded: Turkish dotless ı to i
 * (a Turkish keyboard types it), ß to ss, final ς to σ. Invisible format characters (soft hyphen, zero-width
 * space and joiners) are dropped, not treated as separators, so "p&shy;orn" is still one word. Letters of
 * scripts written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar) are each a word of their
 * own, so word-boundary matching still works inside a sentence of them.
 */
public final class TextFold {
    /** Separates the fields of one visit's text (search terms, title, URL) so that no phrase spans two. */
    public static final char FIELD_BREAK = '\n';
    /** What each ASCII character folds to: a lower-case letter or digit, or 0 for a separator. */
    private static final char[] ASCII_FOLD = new char[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            ASCII_FOLD[c] = c;
            ASCII_FOLD[c - 'a' + 'A'] = c;
        }
        for (char c = '0'; c <= '9'; c++) {
            ASCII_FOLD[c] = c;
        }
    }

    private TextFold() {
    }

    /** The folded form of {@code text}. */
    public static String fold(CharSequence text) {
        String s = text.toString();
        FoldBuffer out = new FoldBuffer(s.length());
        foldInto(s, 0, s.length(), out);
        return out.toString();
    }

    /** Appends the folded form of {@code text[from, to)} to {@code out}, with no leading or trailing space. */
    static void foldInto(String text, int from, int to, FoldBuffer out) {
        int start = out.length;
        // Nearly all text is ASCII: copy it in and fold it in place (folding ASCII never lengthens it), and only
        // when a character beyond ASCII turns up start again on the Unicode path.
        out.reserve(to - from);
        char[] chars = out.chars;
        text.getChars(from, to, chars, start);
        int end = start + (to - from);
        int w = start;
        boolean pending = false;
        char[] fold = ASCII_FOLD;
        for (int r = start; r < end; r++) {
            char c = chars[r];
            if (c >= 0x80) {
                out.length = start;
                StringBuilder unicode = new StringBuilder(to - from);
                foldUnicode(text.substring(from, to), unicode, 0);
                out.append(unicode.toString());
                return;
            }
            char f = fold[c];
            if (f == 0) {
                pending = true;
            } else {
                if (pending && w > start) {
                    chars[w++] = ' ';
                }
                pending = false;
                chars[w++] = f;
            }
        }
        out.length = w;
    }

    private static void foldUnicode(CharSequence text, StringBuilder out, int start) {
        String lower = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFD);
        boolean pending = false;
        boolean inWord = false;
        boolean dropMarks = false;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.FORMAT) {
                continue;
            }
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK) {
                if (inWord && !dropMarks) {
                    out.appendCodePoint(cp);
                }
                continue;
            }
            if (!Character.isLetterOrDigit(cp)) {
                pending = true;
                inWord = false;
                continue;
            }
            UnicodeScript script = UnicodeScript.of(cp);
            dropMarks = script == UnicodeScript.LATIN || script == UnicodeScript.GREEK
                    || script == UnicodeScript.CYRILLIC || script == UnicodeScript.COMMON;
            boolean ownWord = writtenWithoutSpaces(script);
            if (ownWord) {
                pending = true;
            }
            pending = emitSeparator(out, start, pending);
            switch (cp) {
                case '\u0131' -> out.append('i'); // Turkish dotless i
                case '\u00df' -> out.append("ss");
                case '\u03c2' -> out.append('\u03c3'); // final sigma
                default -> out.appendCodePoint(cp);
            }
            inWord = true;
            if (ownWord) {
                pending = true;
            }
        }
    }

    private static boolean emitSeparator(StringBuilder out, int start, boolean pending) {
        if (pending && out.length() > start) {
            out.append(' ');
        }
        return false;
    }

    private static boolean writtenWithoutSpaces(UnicodeScript script) {
        return switch (script) {
            case HAN, HIRAGANA, KATAKANA, THAI, LAO, KHMER, MYANMAR -> true;
            default -> false;
        };
    }
}
