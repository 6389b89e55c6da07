package org.nestguard.agent.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.classify.importer.DomainList;
import org.nestguard.agent.classify.importer.HostsFile;
import org.nestguard.agent.classify.importer.ImportResult;
import org.nestguard.agent.classify.importer.ListImportException;
import org.nestguard.agent.classify.importer.Ut1Folder;

/** Hosts files, plain domain lists and UT1 expressions, in the formats their projects publish. */
class DomainFormatsTest {
    @TempDir
    Path temp;

    private Path file(String name, String text) throws Exception {
        Path file = temp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aStevenBlackStyleHostsFileGivesItsBlockedHostsAndIgnoresLocalOnes() throws Exception {
        Path hosts = file("hosts", """
                # Title: StevenBlack/hosts with the porn extension
                #
                # Date: 01 December 2026 12:00:00 (UTC)
                # Number of unique domains: 4
                # ===============================================================

                127.0.0.1 localhost
                127.0.0.1 localhost.localdomain
                127.0.0.1 local
                255.255.255.255 broadcasthost
                ::1 localhost ip6-localhost ip6-loopback
                fe80::1%lo0 localhost
                ff00::0 ip6-localnet
                0.0.0.0 0.0.0.0
                # End of custom host records.

                0.0.0.0 adult-one.example
                0.0.0.0 www.adult-two.example # the www form
                127.0.0.1 adult-three.example adult-four.example
                10.0.0.5 intranet.example
                0.0.0.0
                0.0.0.0 not_a host!
                """);
        ImportResult result = new HostsFile().read(hosts, "pornography");
        assertEquals(List.of("adult-four.example", "adult-one.example", "adult-three.example", "adult-two.example"),
                result.lists().get(0).domains());
        assertEquals(List.of(
                hosts + ":20: maps intranet.example to 10.0.0.5, which sends it to a server rather than blocking it; "
                        + "expected 0.0.0.0 or 127.0.0.1",
                hosts + ":21: '0.0.0.0' has no host; expected an address and host names, such as '0.0.0.0 example.com'",
                hosts + ":22: 'not_a' has no dot; expected a full domain such as example.com, not a single name",
                hosts + ":22: 'host!' is not a domain; expected letters, digits, hyphens and dots, such as example.com"),
                result.skipped().stream().map(Object::toString).toList());
        assertEquals(List.of("10 local entries (localhost, broadcasthost, ip6-...) ignored"), result.notes());
    }

    @Test
    void aHostsFileNeedsACategory() throws Exception {
        Path hosts = file("hosts", "0.0.0.0 a.example\n");
        ListImportException refused = assertThrows(ListImportException.class, () -> new HostsFile().read(hosts, null));
        assertTrue(refused.getMessage().startsWith("a hosts file does not say which category it is; pass --category"),
                refused.getMessage());
    }

    @Test
    void aPlainDomainListTakesWildcardsAndAdblockFormAndReportsUrls() throws Exception {
        Path list = file("casinos.txt", "# casinos\nCasino-One.example\n*.casino-two.example\n.casino-three.example\n"
                + "||casino-four.example^\nhttps://casino-five.example/play\ncasino-one.example  # again\n");
        ImportResult result = new DomainList().read(list, "gambling");
        assertEquals(List.of("casino-four.example", "casino-one.example", "casino-three.example",
                "casino-two.example"), result.lists().get(0).domains());
        assertEquals(List.of(list + ":6: 'https://casino-five.example/play' is a URL; expected a domain only, such as "
                + "example.com (URL prefixes are imported from UT1 'urls' files)"),
                result.skipped().stream().map(Object::toString).toList());
    }

    @Test
    void aListWithNoUsableEntriesIsRefusedAndSaysWhy() throws Exception {
        Path list = file("empty.txt", "# nothing\nnot a domain\n");
        ListImportException refused = assertThrows(ListImportException.class,
                () -> new DomainList().read(list, "gambling"));
        assertEquals(list + " has no usable domains (1 lines skipped, the first: " + list + ":2: 'not a domain' has "
                + "spaces; expected one domain a line, such as example.com); expected one domain a line, such as "
                + "example.com", refused.getMessage());
    }

    @Test
    void aCategoryMustBeACategoryName() throws Exception {
        Path list = file("list.txt", "a.example\n");
        assertThrows(ListImportException.class, () -> new DomainList().read(list, "Self Harm"));
        assertThrows(ListImportException.class, () -> new DomainList().read(list, "self-test"));
    }

    @Test
    void ut1ExpressionsCompileWithinTheirCostBoundAndMatchUrls() throws Exception {
        Path folder = temp.resolve("ut1/adult");
        file("ut1/adult/expressions", String.join("\n",
                "(^|[-?+=/_])(porn|xxx|hentai)s?([-?+=&/_.]|$)",
                "^[[:alnum:].-]*\\.xxx(/|$)",
                "(a+)+$",
                "(x)\\1",
                "[[:nonsense:]]",
                ""));
        ImportResult result = new Ut1Folder().read(folder, null);
        assertEquals(2, result.lists().get(0).expressions().size());
        List<String> skipped = result.skipped().stream().map(Object::toString).toList();
        assertEquals(3, skipped.size(), skipped.toString());
        assertTrue(skipped.get(0).contains(":3: expression '(a+)+$' backtracks too much"), skipped.get(0));
        assertTrue(skipped.get(1).contains(":4: expression '(x)\\1' uses a back-reference"), skipped.get(1));
        assertTrue(skipped.get(2).contains(":5: expression '[[:nonsense:]]' uses an unknown character class"),
                skipped.get(2));

        Path lists = temp.resolve("home/lists");
        new ListStore(lists).write("ut1", result, java.time.Instant.EPOCH, "test");
        VisitClassifier classifier = ListLibrary.load(lists, ListLibrary.Defaults.NONE).classifierFor(null);
        assertEquals(List.of("(^|[-?+=/_])(porn|xxx|hentai)s?([-?+=&/_.]|$)"), classifier.classify(
                Visits.page("https://videos.example/free-porn/1", "")).stream().map(f -> f.matched()).toList());
        assertEquals(List.of(), classifier.classify(Visits.page("https://school.example/pornography-law-essay", "")));
        assertEquals(1, classifier.classify(Visits.page("https://www.site.xxx/", "")).size());
        // A hostile 4 KB URL is matched within the budget, not hung on.
        assertEquals(List.of(), classifier.classify(Visits.page("https://a.example/" + "a".repeat(4000), "")));
    }
}
