package org.nestguard.agent.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nestguard.agent.classify.Visits.page;
import static org.nestguard.agent.classify.Visits.rule;
import static org.nestguard.agent.classify.Visits.search;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.protocol.monitoring.Categories;
import org.nestguard.protocol.monitoring.Flag;
import org.nestguard.protocol.monitoring.SelfTest;
import org.nestguard.protocol.monitoring.Severity;
import org.nestguard.protocol.monitoring.Visit;

/** The classifier with the lists shipped in policies/lists, as a DSL would meet its flags. */
class ListClassifierTest {
    private static final VisitClassifier STANDARD = ListLibrary.bundled().classifierFor(null);

    @TempDir
    Path lists;

    private static List<String> categories(List<Flag> flags) {
        return flags.stream().map(Flag::category).toList();
    }

    @Test
    void aBiologySearchForBreastCancerIsNotPornography() {
        assertEquals(List.of(), STANDARD.classify(search("breast cancer symptoms")));
        assertEquals(List.of(), STANDARD.classify(search("breast feeding positions")));
        // The same weak word without the allow-listed phrase around it does count.
        Flag flag = STANDARD.classify(search("breast pics xxx")).get(0);
        assertEquals("pornography", flag.category());
        assertTrue(flag.reason().contains("'breast*' (+10, search terms, title and URL)"), flag.reason());
    }

    @Test
    void sexEducationForYearSixIsNotPornographyButSexVideosAre() {
        assertEquals(List.of(), STANDARD.classify(search("sex education year 6")));
        assertEquals(List.of(), STANDARD.classify(page("https://www.example.org/rse/relationships-and-sex-education",
                "Relationships and sex education: a guide for parents")));
        assertEquals(List.of("pornography"), categories(STANDARD.classify(search("sex video year 6"))));
    }

    @Test
    void phraseFlagsSayWhichPhrasesCountedAndTheTotalAgainstTheThreshold() {
        List<Flag> flags = STANDARD.classify(search("how many ibuprofen for an overdose"));
        assertEquals(1, flags.size(), flags.toString());
        Flag flag = flags.get(0);
        assertEquals("suicide", flag.category());
        assertEquals(Severity.CRITICAL, flag.severity());
        assertEquals(Flag.Source.PHRASE, flag.source());
        assertEquals("default/suicide", flag.list());
        assertEquals("how many + overdose, overdose", flag.matched());
        assertEquals("keyword list default/suicide found 'how many + overdose' (+40, search terms, title and "
                + "URL), 'overdose' (+20, search terms, title and URL); total 60 reaches the threshold of 50", flag.reason());
        // One part of the combination alone stays under the threshold.
        assertEquals(List.of(), STANDARD.classify(search("overdose symptoms")));
    }

    @Test
    void fullWidthAccentedAndTurkishSpellingsAreCaught() {
        assertEquals(List.of("pornography"), categories(STANDARD.classify(search("\uff50\uff4f\uff52\uff4e"))));
        assertEquals(List.of("pornography"), categories(STANDARD.classify(search("po\u0301rn"))));
        assertEquals(List.of("suicide"), categories(STANDARD.classify(search("how to k\u0131ll myself"))));
        assertEquals(List.of("suicide"), categories(STANDARD.classify(search("SU\u0130C\u0130DE NOTE"))));
    }

    @Test
    void theSelfTestCanaryAlwaysGetsExactlyOneLowFlag() {
        List<Flag> byHost = STANDARD.classify(page(SelfTest.url("st-1"), ""));
        assertEquals(1, byHost.size());
        assertEquals(new Flag(Categories.SELF_TEST, Severity.LOW, Flag.Source.SELF_TEST, "built-in/self-test",
                SelfTest.HOST, "the monitoring self-test canary: the visit's host is " + SelfTest.HOST), byHost.get(0));
        // By its phrase, even on a page that would otherwise raise other flags.
        List<Flag> byTitle = STANDARD.classify(page("https://www.pornhub.com/view?x=1",
                "Nestguard Monitoring Self-Test Canary 42"));
        assertEquals(1, byTitle.size(), byTitle.toString());
        assertEquals(Flag.Source.SELF_TEST, byTitle.get(0).source());
        assertEquals(Severity.LOW, byTitle.get(0).severity());
    }

    @Test
    void theSelfTestWorksWithNoListsAtAll() throws Exception {
        VisitClassifier bare = ListLibrary.load(lists, ListLibrary.Defaults.NONE).classifierFor(null);
        assertEquals(List.of(Categories.SELF_TEST), categories(bare.classify(page("https://intranet.school.example/x",
                "NESTGUARD monitoring self-test CANARY"))));
        assertEquals(List.of(Categories.SELF_TEST), categories(bare.classify(page(SelfTest.url("st-2"), ""))));
        assertEquals(List.of(), bare.classify(page("https://canary.example/wharf", "Canary Wharf")));
    }

    @Test
    void aSettingsOwnGamingCategoryFlagsAtItsSeverityAndIsIgnoredElsewhere() {
        Visit roblox = page("https://www.roblox.com/games/123/adopt-me", "Adopt Me! - Roblox");
        List<Flag> flags = ListLibrary.bundled().classifierFor(rule("gaming", Severity.LOW)).classify(roblox);
        assertEquals(List.of(new Flag("gaming", Severity.LOW, Flag.Source.DOMAIN, "default/gaming", "roblox.com",
                        "domain list default/gaming has roblox.com, a parent of www.roblox.com")),
                flags.stream().filter(f -> f.source() == Flag.Source.DOMAIN).toList());
        assertEquals(List.of(), STANDARD.classify(roblox));
    }

    @Test
    void aSettingMayRaiseAStandardCategorysSeverity() {
        Visit bet = page("https://sports.bet365.com/en-gb/", "bet365 - Sports Betting");
        assertEquals(Severity.MEDIUM, STANDARD.classify(bet).get(0).severity());
        VisitClassifier strict = ListLibrary.bundled().classifierFor(rule("gambling", Severity.HIGH));
        assertTrue(strict.classify(bet).stream().allMatch(f -> f.severity() == Severity.HIGH));
    }

    @Test
    void flagsComeMostSevereFirst() {
        List<Flag> flags = STANDARD.classify(search("casino free spins then kill myself"));
        assertEquals(List.of("suicide", "gambling"), categories(flags));
    }

    @Test
    void urlPrefixesMatchAtSegmentBoundaries() {
        assertEquals(List.of(new Flag("drugs", Severity.MEDIUM, Flag.Source.URL_PREFIX, "default/drugs",
                "reddit.com/r/drugs", "URL list default/drugs has reddit.com/r/drugs, a prefix of "
                        + "old.reddit.com/r/drugs/comments/abc/x/")),
                STANDARD.classify(page("https://old.reddit.com/r/drugs/comments/abc/x/", "")));
        assertEquals(List.of("drugs"), categories(STANDARD.classify(page("https://www.reddit.com/r/DRUGS?sort=new",
                ""))));
        assertEquals(List.of(), STANDARD.classify(page("https://www.reddit.com/r/drugstores/", "")));
    }

    @Test
    void anAllowListedSitesOwnWordsRaiseNothingButThePupilsSearchStillCounts() {
        Visit news = page("https://www.bbc.co.uk/news/uk-123", "Teenager jailed for selling cocaine and ketamine");
        assertEquals(List.of(), STANDARD.classify(news));
        Visit searched = new Visit(news.time(), "https://www.bbc.co.uk/search?q=buy+cocaine", "BBC - Search",
                "chrome", "Default", "pupil1", news.accountKind(), "typed", "buy cocaine");
        assertEquals(List.of("drugs"), categories(STANDARD.classify(searched)));
    }

    @Test
    void anAllowEntrySilencesEntriesAsGeneralAsItButNotMoreSpecificOnes() throws Exception {
        Visits.writeList(lists, "local", "gambling", "gambling", ListKind.DOMAINS, "bbc.co.uk", "games.bbc.co.uk");
        VisitClassifier classifier = ListLibrary.load(lists).classifierFor(null);
        assertEquals(List.of(), classifier.classify(page("https://www.bbc.co.uk/sport", "")));
        List<Flag> flags = classifier.classify(page("https://games.bbc.co.uk/lottery", ""));
        assertEquals(List.of("games.bbc.co.uk"), flags.stream().map(Flag::matched).toList());
    }

    @Test
    void wordsMatchWholeSoScunthorpeAndAssessmentAreSafe() throws Exception {
        Visits.writeList(lists, "local", "rude", "pornography", ListKind.PHRASES, "60 cunt", "60 ass", "60 tit");
        VisitClassifier classifier = ListLibrary.load(lists).classifierFor(null);
        assertEquals(List.of(), classifier.classify(page("https://www.scunthorpe-united.co.uk/assessment",
                "Scunthorpe United: assessment of the constitution and titles")));
        assertEquals(List.of("pornography"), categories(classifier.classify(search("ass"))));
    }

    @Test
    void listsOfACategoryTheSettingDoesNotMonitorAreIgnored() throws Exception {
        Visits.writeList(lists, "local", "dating", "dating", ListKind.DOMAINS, "tinder.com");
        ListLibrary library = ListLibrary.load(lists);
        Visit tinder = page("https://tinder.com/app", "Tinder");
        assertEquals(List.of(), library.classifierFor(null).classify(tinder));
        assertEquals(List.of("dating"), categories(library.classifierFor(rule("dating", Severity.MEDIUM))
                .classify(tinder)));
    }

    @Test
    void aWwwEntryWrittenByHandCoversTheSiteAsAnImportedOneDoes() throws Exception {
        Visits.writeList(lists, "local", "casinos", "gambling", ListKind.DOMAINS, "www.casino.example");
        VisitClassifier classifier = ListLibrary.load(lists).classifierFor(null);
        assertEquals(List.of("casino.example"), classifier.classify(page("https://www.casino.example/", ""))
                .stream().map(Flag::matched).toList());
        assertEquals(List.of("casino.example"), classifier.classify(page("https://casino.example/", ""))
                .stream().map(Flag::matched).toList());
    }

    @Test
    void internationalisedDomainsMatchInEitherForm() throws Exception {
        Visits.writeList(lists, "local", "shops", "gambling", ListKind.DOMAINS, "B\u00dcCHER.example");
        VisitClassifier classifier = ListLibrary.load(lists).classifierFor(null);
        assertEquals("xn--bcher-kva.example",
                classifier.classify(page("https://www.xn--bcher-kva.example/", "")).get(0).matched());
        assertEquals("xn--bcher-kva.example",
                classifier.classify(page("https://b\u00fccher.example/x", "")).get(0).matched());
    }

    @Test
    void aBadLineInAnImportedListIsReportedAndTheRestStillWorks() throws Exception {
        Visits.writeList(lists, "local", "gambling", "gambling", ListKind.DOMAINS, "casino.example",
                "not a domain", "bet.example");
        ListLibrary library = ListLibrary.load(lists);
        assertEquals(List.of(lists.resolve("local/gambling/domains") + ":4: 'not a domain' is not a domain; "
                + "expected one domain a line, such as example.com"), library.problems());
        assertEquals(List.of("gambling"), categories(library.classifierFor(null)
                .classify(page("https://bet.example/", ""))));
    }

    @Test
    void visitsWithoutAHostOrWithAnAddressAreClassifiedToo() {
        assertEquals(List.of(), STANDARD.classify(page("about:blank", "")));
        assertEquals(List.of(), STANDARD.classify(page("http://192.168.1.1/admin", "Router")));
        assertEquals(List.of("pornography"), categories(STANDARD.classify(page("file:///home/pupil/x.html",
                "free porn"))));
    }
}
