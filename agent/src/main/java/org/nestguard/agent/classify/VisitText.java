package org.nestguard.agent.classify;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.nestguard.protocol.monitoring.Visit;

/**
 * The words of one visit the keyword library reads, folded ({@link TextFold}) into one string: the search terms,
 * the page title and the URL's words (host, path and query, percent-decoded), each field apart so that no phrase
 * spans two. Fields are cut at {@value #MAX_FIELD} characters to bound the work on hostile input (a
 * {@code data:} URL can be megabytes); nothing a person would read is that long.
 *
 * @param text       the folded fields joined by {@link TextFold#FIELD_BREAK}
 * @param titleStart where the title begins
 * @param urlStart   where the URL's words begin
 */
record VisitText(String text, int titleStart, int urlStart) {
    static final int MAX_FIELD = 4096;

    static VisitText of(Visit visit) {
        StringBuilder out = new StringBuilder(visit.url().length() + visit.title().length() + 16);
        if (visit.searchTerms() != null) {
            TextFold.foldInto(cut(visit.searchTerms()), out);
        }
        out.append(TextFold.FIELD_BREAK);
        int titleStart = out.length();
        TextFold.foldInto(cut(visit.title()), out);
        out.append(TextFold.FIELD_BREAK);
        int urlStart = out.length();
        TextFold.foldInto(decodedUrl(visit.url()), out);
        return new VisitText(out.toString(), titleStart, urlStart);
    }

    /** The field an occurrence starting at {@code position} is in, for a flag's reason. */
    String fieldAt(int position) {
        return position >= urlStart ? "URL" : position >= titleStart ? "title" : "search terms";
    }

    /** The folded title. */
    String title() {
        return text.substring(titleStart, urlStart - 1);
    }

    /** The folded URL words. */
    String urlWords() {
        return text.substring(urlStart);
    }

    private static CharSequence cut(String field) {
        return field.length() <= MAX_FIELD ? field : field.substring(0, MAX_FIELD);
    }

    /** The URL without its scheme, with %XX escapes decoded as UTF-8 (malformed escapes are kept as written). */
    static String decodedUrl(String url) {
        int scheme = url.indexOf("://");
        String rest = scheme >= 0 && scheme <= 32 ? url.substring(scheme + 3) : url;
        if (rest.length() > MAX_FIELD) {
            rest = rest.substring(0, MAX_FIELD);
        }
        if (rest.indexOf('%') < 0) {
            return rest;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rest.length());
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            int hi;
            int lo;
            if (c == '%' && i + 2 < rest.length() && (hi = Character.digit(rest.charAt(i + 1), 16)) >= 0
                    && (lo = Character.digit(rest.charAt(i + 2), 16)) >= 0) {
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                int codePoint = rest.codePointAt(i);
                byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
