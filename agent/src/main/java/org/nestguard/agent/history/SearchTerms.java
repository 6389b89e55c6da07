package org.nestguard.agent.history;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The search query in a search engine's results URL: Google, Bing, DuckDuckGo, Yahoo, Ecosia, YouTube, Brave Search,
 * Qwant, Startpage, the child-safe engines Swiggle and Kiddle, and Wikipedia's search. Only results pages count:
 * {@code google.com/url?q=...} is a redirect whose {@code q} is a web address, not a query.
 *
 * <p>Decoding: {@code +} is a space, {@code %XX} escapes are bytes, the bytes are UTF-8. A malformed escape is kept
 * as written ({@code 100%} stays {@code 100%}) and bytes that are not UTF-8 become U+FFFD, so a query is returned as
 * far as it can be decoded. Nothing here throws: a history can hold any string.
 */
public final class SearchTerms implements QueryExtractor {
    private static final List<Engine> ENGINES = List.of(
            // google.com, google.co.uk, google.com.au, google.de...; /search with any tbm= or udm= (images, news...)
            new Engine("google", "^(?:www\\.|images\\.)?google\\.(?:[a-z]{2,3}|co\\.[a-z]{2}|com\\.[a-z]{2})$",
                    "^/(?:search|images)/?$", "q"),
            new Engine("google", "^scholar\\.google\\.(?:[a-z]{2,3}|co\\.[a-z]{2}|com\\.[a-z]{2})$", "^/scholar/?$",
                    "q"),
            new Engine("bing", "^(?:www\\.|cn\\.|m\\.)?bing\\.com$", "^/(?:(?:images|videos|news|shop)/)?search/?$",
                    "q"),
            new Engine("duckduckgo", "^(?:www\\.|start\\.)?duckduckgo\\.com$", "^/?$", "q"),
            new Engine("duckduckgo", "^html\\.duckduckgo\\.com$", "^/html/?$", "q"),
            new Engine("duckduckgo", "^lite\\.duckduckgo\\.com$", "^/lite/?$", "q"),
            // search.yahoo.com, uk.search.yahoo.com, images.search.yahoo.com; paths carry ;_ylt=... matrix parts
            new Engine("yahoo", "^(?:[a-z]{2}\\.)?(?:(?:images|video|news)\\.)?search\\.yahoo\\.com$",
                    "^(?:/yhs)?/search(?:[;/].*)?$", "p"),
            new Engine("ecosia", "^(?:www\\.)?ecosia\\.org$", "^/(?:search|images|videos|news)/?$", "q"),
            new Engine("youtube", "^(?:www\\.|m\\.)?youtube\\.com$", "^/results/?$", "search_query"),
            new Engine("brave", "^search\\.brave\\.com$", "^/(?:search|images|videos|news)/?$", "q"),
            new Engine("qwant", "^(?:www\\.)?qwant\\.com$", "^/?$", "q"),
            new Engine("startpage", "^(?:www\\.|eu\\.|us\\.)?startpage\\.com$", "^/(?:sp|do)/(?:d?search)/?$", "query"),
            // SWGfL's Swiggle (Google Programmable Search): q on whichever results path it uses
            new Engine("swiggle", "^(?:www\\.)?swiggle\\.org\\.uk$", "^/.*$", "q"),
            // Kiddle: s.php web, i.php images, v.php videos, n.php news
            new Engine("kiddle", "^(?:www\\.)?kiddle\\.co$", "^/[a-z]\\.php$", "q"),
            new Engine("wikipedia", "^(?:[a-z][a-z-]*\\.)?(?:m\\.)?wikipedia\\.org$",
                    "^/(?:w/index\\.php|wiki/Special:Search)$", "search"));
    private static final String[] ENGINE_WORDS = ENGINES.stream().map(Engine::word).distinct().toArray(String[]::new);
    /** Bit n is set when some engine word has n characters: most labels are answered by this alone. */
    private static final long ENGINE_WORD_LENGTHS = ENGINES.stream().mapToLong(e -> 1L << e.word().length())
            .reduce(0, (a, b) -> a | b);
    private static final Pattern WIKIPEDIA = Pattern.compile("^(?:[a-z][a-z-]*\\.)?(?:m\\.)?wikipedia\\.org$");
    private static final String WIKIPEDIA_SEARCH_PATH = "/wiki/Special:Search/";
    private static final Pattern GOOGLE =
            Pattern.compile("^(?:www\\.)?google\\.(?:[a-z]{2,3}|co\\.[a-z]{2}|com\\.[a-z]{2})$");

    /** The decoded query of a search results URL, or null when the URL is not one or its query is empty. */
    @Override
    public String queryOf(String url) {
        return fromUrl(url);
    }

    /** The decoded query of a search results URL, or null when the URL is not one or its query is empty. */
    public static String fromUrl(String url) {
        try {
            return extract(url);
        } catch (RuntimeException e) {
            // A URL from a history database is arbitrary text; no input may stop the collection.
            return null;
        }
    }

    /** The extraction itself; package-private so tests can show it throws on no input without the safety net. */
    static String extract(String url) {
        if (url == null) {
            return null;
        }
        String text = url.strip();
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            return null;
        }
        if (!isHttp(text, schemeEnd)) {
            return null;
        }
        // Most visits are not searches: a host without an engine's word is answered before the URL is taken apart.
        if (!namesAnEngine(text, schemeEnd + 3, authorityEnd(text, schemeEnd + 3))) {
            return null;
        }
        String rest = text.substring(schemeEnd + 3);
        int fragmentStart = rest.indexOf('#');
        String fragment = fragmentStart < 0 ? "" : rest.substring(fragmentStart + 1);
        if (fragmentStart >= 0) {
            rest = rest.substring(0, fragmentStart);
        }
        int queryStart = rest.indexOf('?');
        String query = queryStart < 0 ? "" : rest.substring(queryStart + 1);
        if (queryStart >= 0) {
            rest = rest.substring(0, queryStart);
        }
        int pathStart = rest.indexOf('/');
        String path = pathStart < 0 ? "" : rest.substring(pathStart);
        String host = host(pathStart < 0 ? rest : rest.substring(0, pathStart));

        String decoded = decodedPath(path);
        for (Engine engine : ENGINES) {
            if (engine.host().matcher(host).matches() && engine.path().matcher(decoded).matches()) {
                return nonEmpty(parameter(query, engine.parameter()));
            }
        }
        if (WIKIPEDIA.matcher(host).matches() && decoded.startsWith(WIKIPEDIA_SEARCH_PATH)) {
            // /wiki/Special:Search/volcano_eruptions: the query is the rest of the path, underscores for spaces
            return nonEmpty(decoded.substring(WIKIPEDIA_SEARCH_PATH.length()).replace('_', ' '));
        }
        if (GOOGLE.matcher(host).matches() && (path.isEmpty() || path.equals("/") || path.startsWith("/webhp"))) {
            // Google's instant search put the query after the #: google.com/webhp?hl=en#q=volcanoes
            return nonEmpty(parameter(fragment, "q"));
        }
        return null;
    }

    /** Where the authority starting at {@code from} ends: at the path, query or fragment, or the end. */
    private static int authorityEnd(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return i;
            }
        }
        return text.length();
    }

    /** Whether the scheme before {@code schemeEnd} is http or https in any case (ASCII letters only). */
    private static boolean isHttp(String text, int schemeEnd) {
        if (schemeEnd != 4 && schemeEnd != 5) {
            return false;
        }
        // c | 0x20 is c in lower case for an ASCII letter, and no other character gives h, t, p or s.
        return (text.charAt(0) | 0x20) == 'h' && (text.charAt(1) | 0x20) == 't' && (text.charAt(2) | 0x20) == 't'
                && (text.charAt(3) | 0x20) == 'p' && (schemeEnd == 4 || (text.charAt(4) | 0x20) == 's');
    }

    /**
     * Whether the authority {@code text[from, to)} has a label (between dots, or the user or port separators) that
     * is an engine's word in any case. Every host an engine's pattern matches has one, so a false answer is final.
     */
    private static boolean namesAnEngine(String text, int from, int to) {
        int start = from;
        for (int i = from; i <= to; i++) {
            char c = i < to ? text.charAt(i) : '.';
            if (c != '.' && c != '@' && c != ':') {
                continue;
            }
            int length = i - start;
            if (length < Long.SIZE && (ENGINE_WORD_LENGTHS & (1L << length)) != 0) {
                for (String word : ENGINE_WORDS) {
                    if (word.length() == length && text.regionMatches(true, start, word, 0, length)) {
                        return true;
                    }
                }
            }
            start = i + 1;
        }
        return false;
    }

    /** The authority's host, lower case, without user information, port or a final dot. */
    private static String host(String authority) {
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (!host.startsWith("[")) {
            int colon = host.indexOf(':');
            if (colon >= 0) {
                host = host.substring(0, colon);
            }
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** Paths are compared decoded so that {@code Special%3ASearch} is {@code Special:Search}. */
    private static String decodedPath(String path) {
        return path.indexOf('%') < 0 ? path : decode(path, false);
    }

    /** The first non-empty value of {@code name} in an {@code a=1&b=2} string, decoded; null when there is none. */
    private static String parameter(String query, String name) {
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (key.equals(name) && equals >= 0) {
                String value = decode(pair.substring(equals + 1), true);
                if (!value.isBlank()) {
                    return value;
                }
            }
        }
        return null;
    }

    private static String nonEmpty(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    /**
     * Percent-decodes {@code text} as UTF-8 ({@code +} as a space when {@code plusIsSpace}). An escape that is not
     * two hex digits is kept as written; bytes that are not UTF-8 become U+FFFD.
     */
    static String decode(String text, boolean plusIsSpace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
                continue;
            }
            flush(bytes, out);
            out.append(plusIsSpace && c == '+' ? ' ' : c);
        }
        flush(bytes, out);
        return out.toString();
    }

    private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
        if (bytes.size() == 0) {
            return;
        }
        try {
            out.append(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())));
        } catch (CharacterCodingException e) {
            // REPLACE never reports an error; kept for the checked signature
            out.append('\uFFFD');
        }
        bytes.reset();
    }

    /** The value of an ASCII hex digit, else -1 (Character.digit would also accept other scripts' digits). */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /**
     * A search engine's results pages: a label every host of the engine has (tested before the patterns, which
     * cost far more), host and path patterns, and the parameter holding the query.
     */
    private record Engine(String word, Pattern host, Pattern path, String parameter) {
        Engine(String word, String host, String path, String parameter) {
            this(word, Pattern.compile(host), Pattern.compile(path), parameter);
            if (!host.contains(word + "\\.") || word.length() >= Long.SIZE) {
                throw new IllegalArgumentException("the host pattern " + host + " has no label " + word);
            }
        }
    }
}
