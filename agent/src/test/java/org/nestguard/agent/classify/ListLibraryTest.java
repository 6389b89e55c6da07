package org.nestguard.agent.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.classify.importer.ImportResult;
import org.nestguard.agent.classify.importer.ImportedList;
import org.nestguard.protocol.monitoring.Categories;

/** The shipped lists as a whole, and how imported lists are stored and read back. */
class ListLibraryTest {
    @TempDir
    Path lists;

    @Test
    void theIndexNamesEveryShippedListFileAndNothingElse() throws Exception {
        Path source = Path.of("../policies/lists").toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(source), "policies/lists is not beside the agent module at " + source);
        List<String> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(Files::isRegularFile).map(p -> source.relativize(p).toString())
                    .filter(p -> !p.equals("index")).sorted().toList();
        }
        List<String> index = Files.readAllLines(source.resolve("index")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).sorted().toList();
        assertEquals(files, index);
        for (String file : files) {
            String text = Files.readString(source.resolve(file), StandardCharsets.UTF_8);
            assertTrue(text.startsWith("# Nestguard default "), file + " must start with a header that says what "
                    + "it is and that Nestguard wrote it");
        }
    }

    @Test
    void theShippedListsLoadWithoutProblemsAndCoverEveryStandardCategory() {
        ListLibrary library = ListLibrary.bundled();
        assertEquals(List.of(), library.problems());
        List<String> categories = library.lists().stream().map(LoadedList::category).toList();
        for (String standard : Categories.ORDER) {
            assertTrue(categories.contains(standard), "no shipped list for " + standard);
        }
        assertTrue(categories.contains(ListLibrary.ALLOW));
        assertTrue(library.lists().stream().allMatch(l -> l.name().origin().equals(ListName.DEFAULT)));
    }

    @Test
    void aListWithABadCategoryOrAllowListUrlsIsSkippedWholeAndSaysWhy() throws Exception {
        Visits.writeList(lists, "local", "odd", "Not A Category", ListKind.DOMAINS, "a.example");
        Visits.writeList(lists, "local", "pages", ListLibrary.ALLOW, ListKind.URLS, "school.example/safe");
        Visits.writeList(lists, "local", "canary", Categories.SELF_TEST, ListKind.DOMAINS, "c.example");
        Visits.writeList(lists, "local", "fine", "gambling", ListKind.DOMAINS, "bet.example");
        ListLibrary library = ListLibrary.load(lists, ListLibrary.Defaults.NONE);
        assertEquals(List.of("local/fine"), library.lists().stream().map(l -> l.name().toString()).toList());
        assertEquals(List.of(
                lists.resolve("local/canary/domains") + ":2: the self-test category is built into the classifier and "
                        + "cannot have lists; list local/canary skipped",
                lists.resolve("local/odd/domains") + ":2: 'Not A Category' is not a category name (lower-case words "
                        + "joined by hyphens); list local/odd skipped",
                lists.resolve("local/pages/urls") + ": the allow-list takes domains and phrases, not urls; list "
                        + "local/pages skipped"), library.problems());
    }

    @Test
    void storedImportsCarryTheirCategoryAndReplaceEachOtherWhole() throws Exception {
        ListStore store = new ListStore(lists);
        ImportedList first = new ImportedList("adult", "pornography", List.of("/lists/adult/domains"),
                List.of("a.example", "b.example"), List.of("c.example/x"), List.of(), List.of(), List.of());
        ImportedList second = new ImportedList("drogue", "drugs", List.of("/lists/drogue/domains"),
                List.of("d.example"), List.of(), List.of(), List.of(), List.of());
        Instant before = store.lastChanged();
        store.write("ut1", new ImportResult("ut1", Path.of("/lists"), List.of(first), List.of(), List.of()),
                Instant.parse("2026-12-01T10:00:00Z"), "nestguard-agent lists import ut1 /lists");
        assertEquals(List.of(
                        "# Nestguard list ut1/adult, imported 2026-12-01T10:00:00Z by 'nestguard-agent lists import ut1 "
                                + "/lists'",
                        "# from: /lists/adult/domains", "# category: pornography", "# entries: 2", "a.example",
                        "b.example"),
                Files.readAllLines(lists.resolve("ut1/adult/domains")));
        assertTrue(store.lastChanged().isAfter(before));
        store.write("ut1", new ImportResult("ut1", Path.of("/lists"), List.of(second), List.of(), List.of()),
                Instant.parse("2026-12-01T11:00:00Z"), "again");
        assertEquals(List.of("ut1"), store.names());
        ListLibrary library = ListLibrary.load(lists, ListLibrary.Defaults.NONE);
        assertEquals(List.of("ut1/drogue drugs"), library.lists().stream()
                .map(l -> l.name() + " " + l.category()).toList());
        try (Stream<Path> left = Files.list(lists)) {
            assertEquals(List.of(ListStore.CHANGED, "ut1"), left.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "no half-written or old folders are left behind");
        }
    }
}
