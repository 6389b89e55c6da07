package org.nestguard.agent.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nestguard.agent.classify.Visits.page;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.classify.importer.ImportResult;
import org.nestguard.agent.classify.importer.ImportedList;
import org.nestguard.agent.classify.importer.ListImportException;
import org.nestguard.agent.classify.importer.Ut1Folder;
import org.nestguard.protocol.monitoring.Flag;
import org.nestguard.protocol.monitoring.Severity;

/** The real UT1 subset imported, stored and classified against, as a setting would use it. */
class Ut1ListsTest {
    @TempDir
    static Path home;
    static ImportResult imported;
    static ListLibrary library;

    @BeforeAll
    static void importTheWholeTree() throws Exception {
        imported = new Ut1Folder().read(ExternalLists.ut1(), null);
        new ListStore(home.resolve("lists")).write("ut1", imported, Instant.parse("2026-12-01T10:00:00Z"),
                "test");
        library = ListLibrary.load(home.resolve("lists"));
    }

    private static List<Flag> ut1Flags(VisitClassifier classifier, String url) {
        return classifier.classify(page(url, "")).stream().filter(f -> f.list().startsWith("ut1/")).toList();
    }

    @Test
    void mapsTheCategoriesItKnowsAndSaysWhichItLeftOut() {
        Map<String, String> categories = imported.lists().stream()
                .collect(Collectors.toMap(ImportedList::name, ImportedList::category));
        assertEquals(Map.of("adult", "pornography", "agressif", "discrimination", "dangerous_material", "violence",
                "drogue", "drugs", "gambling", "gambling", "games", "gaming", "mixed_adult", "pornography"),
                categories);
        assertTrue(imported.notes().stream().anyMatch(n -> n.startsWith("not imported, no Nestguard category: chat, "
                + "dating, doh, hacking, lingerie, sect, social_networks, vpn.")), imported.notes().toString());
        assertTrue(imported.notes().stream().anyMatch(n -> n.endsWith("adult/expressions has no usable entries; "
                + "not imported")), imported.notes().toString());
        assertEquals(List.of(), library.problems());
    }

    @Test
    void aDrugsDomainFromTheListIsFlaggedWithItsListAndReason() {
        VisitClassifier classifier = library.classifierFor(null);
        assertEquals(List.of(new Flag("drugs", Severity.MEDIUM, Flag.Source.DOMAIN, "ut1/drogue", "cannabis-city.org",
                "domain list ut1/drogue has cannabis-city.org")), ut1Flags(classifier, "https://cannabis-city.org/"));
    }

    @Test
    void aParentDomainInTheListCoversItsSubdomains() {
        VisitClassifier classifier = library.classifierFor(null);
        assertEquals(List.of(new Flag("gambling", Severity.MEDIUM, Flag.Source.DOMAIN, "ut1/gambling",
                "pokerstars.com", "domain list ut1/gambling has pokerstars.com, a parent of www.pokerstars.com")),
                ut1Flags(classifier, "https://www.pokerstars.com/poker/download/"));
    }

    @Test
    void aUrlPrefixFromTheListMatchesThePagesUnderIt() {
        VisitClassifier classifier = library.classifierFor(null);
        assertEquals(List.of(new Flag("drugs", Severity.MEDIUM, Flag.Source.URL_PREFIX, "ut1/drogue",
                "128.104.21.149/~cozzi", "URL list ut1/drogue has 128.104.21.149/~cozzi, a prefix of "
                        + "128.104.21.149/~cozzi/index.html")),
                ut1Flags(classifier, "http://128.104.21.149/~cozzi/index.html"));
        assertEquals(List.of(), ut1Flags(classifier, "http://128.104.21.149/~cozzier/"));
    }

    @Test
    void gamesAreGamingOnlyForASettingThatMonitorsIt() {
        String url = "https://www.miniclip.com/games/en/";
        assertEquals(List.of(), ut1Flags(library.classifierFor(null), url));
        List<Flag> flags = ut1Flags(library.classifierFor(Visits.rule("gaming", Severity.LOW)), url);
        assertEquals(List.of("gaming/LOW/ut1/games"), flags.stream()
                .map(f -> f.category() + "/" + f.severity() + "/" + f.list()).toList());
    }

    @Test
    void anUnmappedFolderIsRefusedUnlessACategoryIsGiven() throws Exception {
        Path vpn = ExternalLists.ut1().resolve("vpn");
        ListImportException refused = assertThrows(ListImportException.class, () -> new Ut1Folder().read(vpn, null));
        assertTrue(refused.getMessage().startsWith("UT1 category 'vpn' has no Nestguard category; pass --category"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("drogue → drugs"), refused.getMessage());
        ImportResult asCircumvention = new Ut1Folder().read(vpn, "circumvention");
        assertEquals("circumvention", asCircumvention.lists().get(0).category());
        assertEquals(6039, asCircumvention.lists().get(0).domains().size());
    }

    @Test
    void aCategoryForTheWholeTreeIsRefused() {
        ListImportException refused = assertThrows(ListImportException.class,
                () -> new Ut1Folder().read(ExternalLists.ut1(), "gambling"));
        assertTrue(refused.getMessage().startsWith("--category applies to one UT1 category folder"),
                refused.getMessage());
    }
}
