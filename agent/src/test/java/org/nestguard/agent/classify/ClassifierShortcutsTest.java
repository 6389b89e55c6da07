package org.nestguard.agent.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nestguard.agent.classify.Visits.page;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.protocol.monitoring.Categories;
import org.nestguard.protocol.monitoring.Flag;

/**
 * The classifier's shortcuts decide as the long way round would: URL prefixes looked up only for hosts a URL list
 * names, the canary looked for in the folded text first, and each thread's fold buffer reused between visits.
 */
class ClassifierShortcutsTest {
    private static final VisitClassifier STANDARD = ListLibrary.bundled().classifierFor(null);

    @TempDir
    Path lists;

    private static List<String> matched(List<Flag> flags) {
        return flags.stream().map(Flag::matched).toList();
    }

    @Test
    void urlPrefixesOnDotlessHostsAddressesAndParentDomainsAreFound() throws Exception {
        Visits.writeList(lists, "local", "casinos", "gambling", ListKind.URLS, "intranet/casino",
                "10.0.0.7/poker", "example.com/casino", "www.www.example.org/slots");
        VisitClassifier classifier = ListLibrary.load(lists, ListLibrary.Defaults.NONE).classifierFor(null);
        assertEquals(List.of("intranet/casino"), matched(classifier.classify(page("http://intranet/casino/x", ""))));
        assertEquals(List.of("10.0.0.7/poker"), matched(classifier.classify(page("http://10.0.0.7/poker?a=1", ""))));
        assertEquals(List.of("example.com/casino"),
                matched(classifier.classify(page("https://m.shop.EXAMPLE.com:8443/Casino/roulette#top", ""))));
        // The entry's www. is dropped once, as for any entry: it names the host www.example.org itself.
        assertEquals(List.of("www.example.org/slots"),
                matched(classifier.classify(page("https://www.example.org/slots", ""))));
        assertEquals(List.of(), classifier.classify(page("https://example.org/slots", "")));
        assertEquals(List.of(), classifier.classify(page("https://example.net/casino", "")));
        assertEquals(List.of(), classifier.classify(page("http://10.0.0.8/poker", "")));
        assertEquals(List.of(), classifier.classify(page("http://intranet2/casino", "")));
    }

    @Test
    void theCanaryMustBeWrittenOutInTheRawTitleOrUrl() {
        assertEquals(List.of(Categories.SELF_TEST), STANDARD.classify(page("https://example.org/",
                "x NESTGUARD monitoring self-test CANARY y")).stream().map(Flag::category).toList());
        Flag inUrl = STANDARD.classify(page("https://example.org/nestguard-monitoring-self-test-canary", "")).get(0);
        assertEquals(Categories.SELF_TEST, inUrl.category());
        assertEquals("the monitoring self-test canary: the visit's URL contains the phrase '"
                + org.nestguard.protocol.monitoring.SelfTest.PHRASE + "'", inUrl.reason());
        // Folded, these are the canary, but its last word is not written out: they are ordinary visits.
        assertEquals(List.of(), STANDARD.classify(page("https://example.org/",
                "nestguard monitoring self-test \uff43\uff41\uff4e\uff41\uff52\uff59")));
        assertEquals(List.of(), STANDARD.classify(page("https://example.org/nestguard-monitoring-self-test-%63anary",
                "")));
    }

    @Test
    void aLongOrForeignVisitLeavesNothingBehindForTheNext() {
        Flag alone = STANDARD.classify(Visits.search("how many ibuprofen for an overdose")).get(0);
        STANDARD.classify(page("https://example.org/" + "overdose/".repeat(3000), "\u00fcber ".repeat(2000)));
        STANDARD.classify(page("https://example.org/%E5%A4%A7%E9%BA%BB", "\u514d\u8d39 caf\u00e9 \ud83d\ude00 ?"));
        assertEquals(alone, STANDARD.classify(Visits.search("how many ibuprofen for an overdose")).get(0));
        assertEquals(List.of(), STANDARD.classify(page("https://example.org/", "")));
    }

    @Test
    void textFoldsTheSameFromAnyPartOfAString() {
        FoldBuffer out = new FoldBuffer(4);
        TextFold.foldInto("xx Caf\u00e9 PORN--videos?", 3, 21, out);
        assertEquals("cafe porn videos", out.toString());
        out.length = 0;
        TextFold.foldInto("--Hello, World 42!", 2, 18, out);
        assertEquals("hello world 42", out.toString());
    }
}
