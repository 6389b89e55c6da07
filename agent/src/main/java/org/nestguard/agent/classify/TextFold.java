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

    private TextFold() {
    }

    /** The folded form of {@code text}. */
    public static String fold(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        foldInto(text, out);
        return out.toString();
    }

    /** Appends the folded form of {@code text} to {@code out}, with no leading or trailing space. */
    static void foldInto(CharSequence text, StringBuilder out) {
        int start = out.length();
        if (isAscii(text)) {
            foldAscii(text, out, start);
        } else {
            foldUnicode(text, out, start);
        }
    }

    private static void foldAscii(CharSequence text, StringBuilder out, int start) {
        boolean pending = false;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                pending = emitSeparator(out, start, pending);
                out.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                pending = emitSeparator(out, start, pending);
                out.append((char) (c + ('a' - 'A')));
            } else {
                pending = true;
            }
        }
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

    private static boolean isAscii(CharSequence text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
