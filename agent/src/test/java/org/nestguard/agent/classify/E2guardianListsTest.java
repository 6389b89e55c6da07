package org.nestguard.agent.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nestguard.agent.classify.Visits.page;
import static org.nestguard.agent.classify.Visits.search;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.classify.importer.E2guardianPhrases;
import org.nestguard.agent.classify.importer.ImportResult;
import org.nestguard.agent.classify.importer.ListImportException;
import org.nestguard.protocol.monitoring.Flag;

/** e2guardian's own phrase lists from the Debian package, imported and used to classify. */
class E2guardianListsTest {
    @TempDir
    Path temp;

    private VisitClassifier imported(Path file, String category) throws Exception {
        ImportResult result = new E2guardianPhrases().read(file, category);
        Path lists = temp.resolve("lists");
        new ListStore(lists).write("e2guardian", result, Instant.parse("2026-12-01T10:00:00Z"), "test");
        return ListLibrary.load(lists, ListLibrary.Defaults.NONE).classifierFor(null);
    }

    @Test
    void aPornographyPhraseInATitleFlagsOnlyOnceTheWeightsReachTheThreshold() throws Exception {
        VisitClassifier classifier = imported(ExternalLists.e2guardian()
                .resolve("phraselists/pornography/weighted"), null);
        // <sex video><30> and < sex ><3>: 33, under e2guardian's limit of 50 for young children.
        assertEquals(List.of(), classifier.classify(page("https://videos.example/watch?v=1", "sex video")));
        // With < xxx ><20> and < xxx>,< sex ><10> as well: 63.
        List<Flag> flags = classifier.classify(page("https://videos.example/watch?v=1", "sex video xxx"));
        assertEquals(1, flags.size(), flags.toString());
        Flag flag = flags.get(0);
        assertEquals("pornography", flag.category());
        assertEquals("e2guardian/pornography", flag.list());
        assertEquals("keyword list e2guardian/pornography found 'sex video*' (+30, title), 'xxx' (+20, title), "
                + "'xxx* + sex' (+10, title), 'sex' (+3, title); total 63 reaches the threshold of 50",
                flag.reason());
    }

    @Test
    void wordBoundariesKeepScunthorpeAndAssessmentClearOfTheRealList() throws Exception {
        VisitClassifier classifier = imported(ExternalLists.e2guardian()
                .resolve("phraselists/pornography/weighted"), null);
        assertEquals(List.of(), classifier.classify(page("https://www.scunthorpe-united.co.uk/news/assessment",
                "Scunthorpe United | Essex and Middlesex cup: assessment of the titles")));
    }

    @Test
    void theWholeDebianListReadsItsIncludesAndItsGoodPhrasesBalanceBreastCancer() throws Exception {
        Path root = ExternalLists.e2guardian();
        ImportResult result = new E2guardianPhrases().read(root.resolve("weightedphraselist"), null);
        assertEquals(List.of("pornography"), result.lists().stream().map(l -> l.category()).toList());
        assertTrue(result.lists().get(0).sources().contains(root.resolve("phraselists/pornography/weighted")
                + " (3854 phrases)"), result.lists().get(0).sources().toString());
        assertTrue(result.notes().stream().anyMatch(n -> n.startsWith("not imported, no Nestguard category: "
                + "phraselists/badwords/weighted_dutch")), result.notes().toString());
        VisitClassifier classifier = imported(root.resolve("weightedphraselist"), null);
        assertEquals(List.of(), classifier.classify(search("breast cancer symptoms")));
    }

    @Test
    void includesResolveInsideACopiedListsFolderAndNeverOutsideIt() throws Exception {
        Path lists = temp.resolve("copy/lists");
        Path porn = lists.resolve("phraselists/pornography/weighted");
        Files.createDirectories(porn.getParent());
        Files.copy(ExternalLists.e2guardian().resolve("phraselists/pornography/weighted"), porn);
        Path violence = lists.resolve("phraselists/violence/weighted");
        Files.createDirectories(violence.getParent());
        Files.writeString(violence, "#listcategory: \"Violence\"\n< murder ><35>\n< massacre ><15>\n");
        Files.writeString(lists.resolve("weightedphraselist"), String.join("\n",
                "# Debian's absolute paths, resolved under this copy",
                ".Include</etc/e2guardian/lists/phraselists/pornography/weighted>",
                ".Include<phraselists/violence/weighted> #relative",
                ".Include</etc/passwd>",
                ".Include</etc/e2guardian/lists/phraselists/gore/weighted>", ""), StandardCharsets.UTF_8);
        ImportResult result = new E2guardianPhrases().read(lists.resolve("weightedphraselist"), null);
        assertEquals(List.of(porn + " (3854 phrases)"), result.lists().get(0).sources());
        assertEquals(List.of(violence + " (2 phrases)"), result.lists().get(1).sources());
        assertEquals(List.of(
                lists.resolve("weightedphraselist") + ":4: includes /etc/passwd, outside the e2guardian lists folder "
                        + lists + "; refused (only lists under it are read)",
                lists.resolve("weightedphraselist") + ":5: includes /etc/e2guardian/lists/phraselists/gore/weighted, "
                        + "which is not a file here (" + lists.resolve("phraselists/gore/weighted")
                        + "); copy it there or remove the line",
                // Two lines of Debian's own list lack a '>', and are reported too.
                porn + ":1935: expected <phrase><weight> or <phrase>,<phrase><weight>, such as '< porn ><40>', or "
                        + ".Include<path>; found '<incest rape<50>'",
                porn + ":2082: expected <phrase><weight> or <phrase>,<phrase><weight>, such as '< porn ><40>', or "
                        + ".Include<path>; found '<lesbian ezine<20>'"),
                result.skipped().stream().map(Object::toString).toList());
    }

    @Test
    void anUnmappedListImportsUnderTheCategoryGiven() throws Exception {
        Path proxies = ExternalLists.e2guardian().resolve("phraselists/proxies/weighted");
        ListImportException refused = assertThrows(ListImportException.class,
                () -> new E2guardianPhrases().read(proxies, null));
        assertTrue(refused.getMessage().contains("not imported, no Nestguard category: phraselists/proxies/weighted"),
                refused.getMessage());
        ImportResult result = new E2guardianPhrases().read(proxies, "circumvention");
        assertEquals("circumvention", result.lists().get(0).category());
        assertTrue(result.lists().get(0).rules().size() > 50, result.lists().get(0).rules().toString());
    }

    @Test
    void anIncludeLoopIsRefused() throws Exception {
        Path lists = temp.resolve("loop");
        Files.createDirectories(lists.resolve("phraselists/violence"));
        Files.writeString(lists.resolve("phraselists/violence/weighted"), "< murder ><35>\n.Include<other>\n");
        Files.writeString(lists.resolve("other"), ".Include<phraselists/violence/weighted>\n");
        ListImportException refused = assertThrows(ListImportException.class,
                () -> new E2guardianPhrases().read(lists.resolve("phraselists/violence/weighted"), null));
        assertTrue(refused.getMessage().startsWith("include loop: " + lists.resolve("phraselists/violence/weighted")
                + " → " + lists.resolve("other") + " → " + lists.resolve("phraselists/violence/weighted")),
                refused.getMessage());
    }

    @Test
    void badLinesAreReportedWithFileLineAndWhatWasExpected() throws Exception {
        Path file = temp.resolve("phraselists/weapons/weighted");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# weapons\n< pipe bomb ><60>\n<incomplete<50>\n<!!!><20>\n< knife ><0>\n");
        ImportResult result = new E2guardianPhrases().read(file, null);
        assertEquals("violence", result.lists().get(0).category());
        assertEquals(List.of("60 pipe bomb"), result.lists().get(0).rules().stream().map(r -> r.format()).toList());
        assertEquals(List.of(
                file + ":3: expected <phrase><weight> or <phrase>,<phrase><weight>, such as '< porn ><40>', or "
                        + ".Include<path>; found '<incomplete<50>'",
                file + ":4: phrase <!!!> has no letters or digits, so it cannot be matched as words; line '<!!!><20>' "
                        + "skipped",
                file + ":5: a weight of 0 has no effect; give a positive or negative number; line '< knife ><0>' "
                        + "skipped"), result.skipped().stream().map(Object::toString).toList());
    }

    @Test
    void aFileWithNoUsablePhrasesIsRefused() throws Exception {
        Path file = temp.resolve("phraselists/gambling/weighted");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# nothing here\n<casino>\n");
        ListImportException refused = assertThrows(ListImportException.class,
                () -> new E2guardianPhrases().read(file, null));
        assertTrue(refused.getMessage().startsWith("no usable phrases in " + file), refused.getMessage());
    }
}
