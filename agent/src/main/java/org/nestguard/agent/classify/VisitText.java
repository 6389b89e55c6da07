package org.nestguard.agent.classify;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.nestguard.protocol.monitoring.Visit;

/**
 * The words of one visit the keyword library reads, folded ({@link TextFold}) into one run of characters: the
 * search terms, the page title and the URL's words (host, path and query, percent-decoded), each field apart so
 * that no phrase spans two (joined by {@link TextFold#FIELD_BREAK}). Fields are cut at {@value #MAX_FIELD}
 * characters to bound the work on hostile input (a {@code data:} URL can be megabytes); nothing a person would
 * read is that long.
 *
 * <p>Classifying a visit folds its text once and scans it once, and at a million visits a catch-up the copies
 * cost more than the work: so each thread folds into its own buffer, kept from one visit to the next, and a
 * {@code VisitText} is only good until the same thread folds the next visit. Classifiers use it within one call.
 */
final class VisitText {
    static final int MAX_FIELD = 4096;
    /** A buffer grown past this for one hostile visit is not kept for the next. */
    private static final int KEPT_CAPACITY = 16_384;
    private static final ThreadLocal<VisitText> SCRATCH = ThreadLocal.withInitial(VisitText::new);

    private FoldBuffer buffer = new FoldBuffer(512);
    private int titleStart;
    private int urlStart;

    private VisitText() {
    }

    /** The folded text of {@code visit}, in this thread's buffer. */
    static VisitText of(Visit visit) {
        VisitText text = SCRATCH.get();
        text.fill(visit);
        return text;
    }

    private void fill(Visit visit) {
        if (buffer.chars.length > KEPT_CAPACITY) {
            buffer = new FoldBuffer(512);
        }
        FoldBuffer out = buffer;
        out.length = 0;
        String terms = visit.searchTerms();
        if (terms != null) {
            TextFold.foldInto(terms, 0, Math.min(terms.length(), MAX_FIELD), out);
        }
        out.append(TextFold.FIELD_BREAK);
        titleStart = out.length;
        String title = visit.title();
        TextFold.foldInto(title, 0, Math.min(title.length(), MAX_FIELD), out);
        out.append(TextFold.FIELD_BREAK);
        urlStart = out.length;
        String url = visit.url();
        int scheme = VisitedUrl.schemeEnd(url);
        int from = scheme >= 0 ? scheme + 3 : 0;
        int to = Math.min(url.length(), from + MAX_FIELD);
        int percent = url.indexOf('%', from);
        if (percent < 0 || percent >= to) {
            TextFold.foldInto(url, from, to, out);
        } else {
            String decoded = decoded(url.substring(from, to));
            TextFold.foldInto(decoded, 0, decoded.length(), out);
        }
    }

    /** The folded fields, {@link #length()} of them valid. */
    char[] chars() {
        return buffer.chars;
    }

    int length() {
        return buffer.length;
    }

    int titleStart() {
        return titleStart;
    }

    int urlStart() {
        return urlStart;
    }

    /** The field an occurrence starting at {@code position} is in, for a flag's reason. */
    String fieldAt(int position) {
        return position >= urlStart ? "URL" : position >= titleStart ? "title" : "search terms";
    }

    /** Whether the folded title holds {@code words}. */
    boolean titleContains(SubstringSearch words) {
        return words.in(buffer.chars, titleStart, urlStart - 1);
    }

    /** Whether the folded title or URL words hold {@code words}, which has no field break. */
    boolean pageContains(SubstringSearch words) {
        return words.in(buffer.chars, titleStart, buffer.length);
    }

    /** %XX escapes decoded as UTF-8 (malformed escapes are kept as written). */
    private static String decoded(String rest) {
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
