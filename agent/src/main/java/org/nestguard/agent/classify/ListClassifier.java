package org.nestguard.agent.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nestguard.protocol.monitoring.Categories;
import org.nestguard.protocol.monitoring.Flag;
import org.nestguard.protocol.monitoring.SelfTest;
import org.nestguard.protocol.monitoring.Severity;
import org.nestguard.protocol.monitoring.Visit;

/**
 * The classifier a {@link ListLibrary} builds for one setting. For each visit, in order:
 * <ol>
 *   <li>the self-test canary ({@link SelfTest#HOST}, or {@link SelfTest#PHRASE} in the title or URL) gets exactly
 *       one flag and nothing else;</li>
 *   <li>domain lists, looked up for the host and each parent domain but the bare top-level one; each list flags
 *       once, with its most specific entry. An allow-listed domain silences category entries as general as it
 *       or more (allow {@code bbc.co.uk}, and a list's {@code bbc.co.uk} is not flagged but its
 *       {@code blog.bbc.co.uk} is), and the site's own title and URL words;</li>
 *   <li>URL-prefix lists ({@link UrlPrefix}), each list once with its longest entry;</li>
 *   <li>URL expressions ({@link UrlExpression}), each list once;</li>
 *   <li>the keyword library over search terms, title and URL words ({@link KeywordLibrary}): a category whose
 *       total reaches the threshold is flagged once, with every phrase that counted.</li>
 * </ol>
 * Flags come most severe first, then in the DfE order of categories.
 */
final class ListClassifier implements VisitClassifier {
    private static final String CANARY = TextFold.fold(SelfTest.PHRASE);
    private static final String CANARY_WORD = CANARY.substring(CANARY.lastIndexOf(' ') + 1);
    private static final SubstringSearch CANARY_SEARCH = new SubstringSearch(CANARY);
    private static final int SITE_ALLOWED = 1;
    private static final int URL_HOST = 2;
    private static final ListName SELF_TEST_LIST = new ListName("built-in", Categories.SELF_TEST);

    private final ListLibrary library;
    private final String[] listNames;
    private final MonitoredCategories monitored;
    private final int[] listCategory;
    private final boolean[] allow;
    private final int threshold;
    private final boolean anyDomainList;
    private final boolean anyUrlList;
    private final boolean anyExpression;
    private final boolean anyRule;

    ListClassifier(ListLibrary library, MonitoredCategories monitored, int[] listCategory, boolean[] allow,
                   int threshold) {
        this.library = library;
        this.listNames = library.lists().stream().map(l -> l.name().toString()).toArray(String[]::new);
        this.monitored = monitored;
        this.listCategory = listCategory.clone();
        this.allow = allow.clone();
        this.threshold = threshold;
        boolean domains = false;
        boolean urls = false;
        boolean rules = false;
        for (int i = 0; i < listCategory.length; i++) {
            LoadedList list = library.lists().get(i);
            boolean used = listCategory[i] >= 0;
            domains |= (used || allow[i]) && list.entries().getOrDefault(ListKind.DOMAINS, 0) > 0;
            urls |= used && list.entries().getOrDefault(ListKind.URLS, 0) > 0;
            rules |= used && list.entries().getOrDefault(ListKind.PHRASES, 0) > 0;
        }
        this.anyDomainList = domains;
        this.anyUrlList = urls;
        this.anyRule = rules;
        this.anyExpression = library.expressions().stream().anyMatch(e -> listCategory[e.list()] >= 0);
    }

    @Override
    public List<Flag> classify(Visit visit) {
        VisitedUrl url = VisitedUrl.parse(visit.url());
        if (url.host().equals(SelfTest.HOST)) {
            return List.of(selfTest(SelfTest.HOST, "the monitoring self-test canary: the visit's host is "
                    + SelfTest.HOST));
        }
        // The canary is ASCII, written by the agent itself: its last word, raw, must be in the title or URL, and
        // its folded words in the folded title or URL words. When the text is folded anyway, that test is the
        // cheaper one to make first.
        VisitText text = null;
        if (anyRule) {
            text = VisitText.of(visit);
            if (text.pageContains(CANARY_SEARCH) && maybeCanary(visit)) {
                return List.of(canaryFlag(text));
            }
        } else if (maybeCanary(visit)) {
            text = VisitText.of(visit);
            if (text.pageContains(CANARY_SEARCH)) {
                return List.of(canaryFlag(text));
            }
        }
        List<Flag> flags = new ArrayList<>(0);
        String host = url.host();
        boolean siteAllowed = false;
        if (!host.isEmpty() && (anyDomainList || anyUrlList)) {
            int found = domainFlags(host, flags);
            siteAllowed = (found & SITE_ALLOWED) != 0;
            if ((found & URL_HOST) != 0) {
                urlFlags(url, flags);
            }
        }
        if (anyExpression && !host.isEmpty()) {
            expressionFlags(url, flags);
        }
        if (anyRule) {
            keywordFlags(text, !siteAllowed, flags);
        }
        if (flags.isEmpty()) {
            return List.of();
        }
        if (flags.size() > 1) {
            flags.sort(ORDER);
        }
        return flags;
    }

    private static boolean maybeCanary(Visit visit) {
        return mentions(visit.title(), CANARY_WORD) || mentions(visit.url(), CANARY_WORD);
    }

    private static Flag canaryFlag(VisitText text) {
        return selfTest(SelfTest.PHRASE, "the monitoring self-test canary: the visit's "
                + (text.titleContains(CANARY_SEARCH) ? "title" : "URL") + " contains the phrase '"
                + SelfTest.PHRASE + "'");
    }

    /**
     * Adds a flag per domain list that holds the host or a parent. Returns {@link #SITE_ALLOWED} when an allow
     * entry holds it, and {@link #URL_HOST} when a URL list names it or a parent as {@link UrlPrefix#candidates}
     * looks them up (the same right-to-left walk yields both; a visit whose host no URL list names has no URL
     * candidate worth hashing).
     */
    private int domainFlags(String host, List<Flag> flags) {
        ListIndex index = anyDomainList ? library.domains() : ListIndex.empty();
        ListIndex urlHosts = anyUrlList ? library.urlHosts() : ListIndex.empty();
        // Walked as a char[]: cheaper than String.charAt under the service's C1 compiler.
        char[] hostChars = host.toCharArray();
        boolean address = HostName.isAddress(host);
        boolean urlHost = false;
        boolean www = host.startsWith("www.") && host.indexOf('.', 4) > 0;
        boolean hasDot = false;
        int allowedFrom = Integer.MAX_VALUE;
        int[] found = null;
        int foundCount = 0;
        long state = EntryHash.START;
        for (int i = hostChars.length - 1; i >= 0; i--) {
            char c = hostChars[i];
            if (c == '.') {
                hasDot = true;
            }
            state = EntryHash.step(state, c);
            boolean labelStart = i == 0 || hostChars[i - 1] == '.';
            // The suffix host[i..] is a parent domain or the host itself; a bare top-level domain never counts,
            // and lists are stored without www. (the parent walk covers it), so neither does the www. form.
            if (!labelStart || (i > 0 && (!hasDot || address))) {
                continue;
            }
            long hash = EntryHash.finish(state);
            // URL candidates include the www. form: an entry may name www.www.example.com, stored as www.example.com.
            urlHost |= urlHosts.find(hash) >= 0;
            if (i == 0 && www) {
                continue;
            }
            for (int p = index.find(hash); p >= 0; p = index.next(p, hash)) {
                int list = index.listAt(p);
                if (allow[list]) {
                    allowedFrom = i;
                } else if (listCategory[list] >= 0) {
                    if (found == null) {
                        found = new int[8];
                    } else if (foundCount == found.length) {
                        found = Arrays.copyOf(found, foundCount * 2);
                    }
                    found[foundCount++] = list;
                    found[foundCount++] = i;
                }
            }
        }
        int result = (allowedFrom != Integer.MAX_VALUE ? SITE_ALLOWED : 0) | (urlHost ? URL_HOST : 0);
        if (found == null) {
            return result;
        }
        // Walked from the top-level domain down, so the last match of a list is its most specific one.
        int[] done = new int[foundCount / 2];
        int doneCount = 0;
        for (int k = foundCount - 2; k >= 0; k -= 2) {
            int list = found[k];
            int from = found[k + 1];
            if (contains(done, doneCount, list)) {
                continue;
            }
            done[doneCount++] = list;
            if (from >= allowedFrom) {
                continue;
            }
            String entry = host.substring(from);
            String name = listNames[list];
            flags.add(flag(list, Flag.Source.DOMAIN, entry, from == 0
                    ? "domain list " + name + " has " + host
                    : "domain list " + name + " has " + entry + ", a parent of " + host));
        }
        return result;
    }

    private static boolean contains(int[] values, int count, int value) {
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    private void urlFlags(VisitedUrl url, List<Flag> flags) {
        String host = url.host();
        ListIndex index = library.urls();
        String path = url.lowerPath();
        // Per list that matched, the longest entry, as host start (hostFrom + 1, so 0 means none) and path end.
        int[][] best = new int[1][];
        UrlPrefix.candidates(host, path, (hash, hostFrom, pathTo) -> {
            for (int p = index.find(hash); p >= 0; p = index.next(p, hash)) {
                int list = index.listAt(p);
                if (listCategory[list] < 0) {
                    continue;
                }
                if (best[0] == null) {
                    best[0] = new int[listCategory.length * 2];
                }
                int[] b = best[0];
                if (b[2 * list] == 0 || pathTo - hostFrom > b[2 * list + 1] - (b[2 * list] - 1)) {
                    b[2 * list] = hostFrom + 1;
                    b[2 * list + 1] = pathTo;
                }
            }
        });
        if (best[0] == null) {
            return;
        }
        String visited = host + path;
        for (int list = 0; list < listCategory.length; list++) {
            int hostFrom = best[0][2 * list] - 1;
            if (hostFrom >= 0) {
                String entry = host.substring(hostFrom) + path.substring(0, best[0][2 * list + 1]);
                String name = listNames[list];
                flags.add(flag(list, Flag.Source.URL_PREFIX, entry, entry.equals(visited)
                        ? "URL list " + name + " has " + entry
                        : "URL list " + name + " has " + entry + ", a prefix of " + shorten(visited)));
            }
        }
    }

    private void expressionFlags(VisitedUrl url, List<Flag> flags) {
        String visited = url.siteHost() + url.lowerPath();
        Set<Integer> flagged = new LinkedHashSet<>();
        for (ListLibrary.ListedExpression listed : library.expressions()) {
            int list = listed.list();
            if (listCategory[list] < 0 || flagged.contains(list) || !listed.expression().matches(visited)) {
                continue;
            }
            flagged.add(list);
            String name = listNames[list];
            // Flag.Source has no kind for expressions; a URL pattern is closest to a URL prefix.
            flags.add(flag(list, Flag.Source.URL_PREFIX, listed.expression().source(), "URL expression list " + name
                    + ": '" + shorten(listed.expression().source()) + "' matches " + shorten(visited)));
        }
    }

    private void keywordFlags(VisitText text, boolean pageWords, List<Flag> flags) {
        List<KeywordLibrary.CategoryScore> scores = library.keywords().score(text, listCategory, monitored.size(),
                threshold, pageWords);
        for (KeywordLibrary.CategoryScore score : scores) {
            if (score.total() < threshold) {
                continue;
            }
            Set<String> lists = new LinkedHashSet<>();
            List<String> matched = new ArrayList<>();
            List<String> found = new ArrayList<>();
            for (KeywordLibrary.Contribution c : score.contributions()) {
                lists.add(listNames[c.list()]);
                String phrase = phrases(c.rule());
                if (c.weight() > 0) {
                    matched.add(phrase);
                }
                found.add("'" + phrase + "' (" + (c.weight() > 0 ? "+" : "") + c.weight() + ", " + c.where() + ")");
            }
            String listNames = String.join(", ", lists);
            flags.add(new Flag(monitored.name(score.category()), monitored.severity(score.category()),
                    Flag.Source.PHRASE, listNames, String.join(", ", matched),
                    "keyword list " + listNames + " found " + String.join(", ", found) + "; total "
                            + score.total() + " reaches the threshold of " + threshold));
        }
    }

    private static boolean mentions(String text, String word) {
        char first = word.charAt(0);
        for (int i = 0, last = text.length() - word.length(); i <= last; i++) {
            if ((text.charAt(i) | 0x20) == first && text.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    private static String phrases(PhraseRule rule) {
        StringBuilder text = new StringBuilder();
        for (Phrase part : rule.parts()) {
            text.append(text.length() == 0 ? "" : " + ").append(part);
        }
        return text.toString();
    }

    private Flag flag(int list, Flag.Source source, String matched, String reason) {
        int category = listCategory[list];
        return new Flag(monitored.name(category), monitored.severity(category), source,
                listNames[list], matched, reason);
    }

    private static Flag selfTest(String matched, String reason) {
        return new Flag(Categories.SELF_TEST, Severity.LOW, Flag.Source.SELF_TEST, SELF_TEST_LIST.toString(),
                matched, reason);
    }

    private static String shorten(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }

    private static final Comparator<Flag> ORDER = Comparator
            .comparing((Flag f) -> f.severity()).reversed()
            .thenComparingInt(f -> {
                int standard = Categories.ORDER.indexOf(f.category());
                return standard >= 0 ? standard : Categories.ORDER.size();
            })
            .thenComparing(Flag::category)
            .thenComparing(Flag::source)
            .thenComparing(Flag::list);
}
