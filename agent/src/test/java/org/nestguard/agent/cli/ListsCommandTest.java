package org.nestguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.classify.ListLibrary;
import org.nestguard.agent.classify.VisitClassifier;
import org.nestguard.agent.enrolment.AgentHome;
import org.nestguard.protocol.monitoring.AccountKind;
import org.nestguard.protocol.monitoring.Flag;
import org.nestguard.protocol.monitoring.Visit;
import picocli.CommandLine;

/** What technical staff see from {@code nestguard-agent lists}, and that what it stores is what the agent uses. */
class ListsCommandTest {
    @TempDir
    Path temp;
    Path data;
    Path ut1;
    StringWriter out;
    StringWriter err;

    @BeforeEach
    void setUp() throws Exception {
        data = temp.resolve("agent");
        ut1 = temp.resolve("blacklists");
        write(ut1.resolve("gambling/domains"), "casino-one.example\ncasino-two.example\n");
        write(ut1.resolve("gambling/urls"), "news.example/betting\n");
        write(ut1.resolve("games/domains"), "arcade.example\n");
        write(ut1.resolve("chat/domains"), "chat.example\n");
        write(ut1.resolve("gambling/usage"), "black\n");
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine line = AgentCommand.commandLine();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        return line.execute(args);
    }

    private void storePolicy(String setting) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/nestguard/policies/settings/" + setting + ".yaml")) {
            new AgentHome(data).create();
            new AgentHome(data).storePolicy(1, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Visit visit(String url) {
        return new Visit(Instant.EPOCH, url, "", "firefox", "default", "pupil", AccountKind.LEARNER, "link", null);
    }

    @Test
    void importsAUt1TreeSaysWhatItImportedAndTheAgentUsesIt() throws Exception {
        assertEquals(0, run("lists", "import", "ut1", ut1.toString(), "--data", data.toString()), err.toString());
        String printed = out.toString().replaceAll(" {2,}", " ");
        assertTrue(printed.startsWith("Imported ut1 from " + ut1 + " as 'ut1' into " + data.resolve("lists/ut1")
                + ":"), printed);
        assertTrue(printed.contains(" ut1/gambling -> gambling 2 domains, 1 URL prefix\n"), printed);
        assertTrue(printed.contains(" ut1/games -> gaming 1 domain\n"), printed);
        assertTrue(printed.contains("not imported, no Nestguard category: chat."), printed);

        VisitClassifier classifier = ListLibrary.load(new AgentHome(data).lists()).classifierFor(null);
        List<Flag> flags = classifier.classify(visit("https://www.casino-two.example/"));
        assertEquals(List.of("ut1/gambling"), flags.stream().map(Flag::list).toList());
        assertEquals(List.of("ut1/gambling"), classifier.classify(visit("https://news.example/betting/today"))
                .stream().map(Flag::list).toList());
    }

    @Test
    void saysWhenTheStoredPolicyDoesNotMonitorAnImportedCategory() throws Exception {
        storePolicy("dimples-day-care");
        assertEquals(0, run("lists", "import", "ut1", ut1.resolve("games").toString(), "--data", data.toString()));
        assertTrue(out.toString().contains("Not used while the stored policy does not monitor: gaming (add it to "
                + "monitoring.history.categories in the setting's policy)"), out.toString());
        assertEquals(0, run("lists", "list", "--data", data.toString()));
        assertTrue(out.toString().contains("gaming (not monitored)"), out.toString());

        storePolicy("ditton-junior");
        assertEquals(0, run("lists", "list", "--home", data.toString()));
        assertTrue(out.toString().replaceAll(" {2,}", " ").contains("ut1/games gaming 1 domain "), out.toString());
        assertTrue(out.toString().contains("default/gambling"), out.toString());
    }

    @Test
    void importingTheSameNameAgainReplacesItAndRemoveTakesItAway() throws Exception {
        Path list = temp.resolve("casinos.txt");
        write(list, "one.example\n");
        assertEquals(0, run("lists", "import", "domains", list.toString(), "--category", "gambling", "--name",
                "trust-casinos", "--data", data.toString()));
        write(list, "two.example\n");
        assertEquals(0, run("lists", "import", "domains", list.toString(), "--category", "gambling", "--name",
                "trust-casinos", "--data", data.toString()));
        assertTrue(out.toString().contains("(replacing the earlier import of that name)"), out.toString());
        VisitClassifier classifier = ListLibrary.load(new AgentHome(data).lists()).classifierFor(null);
        assertEquals(List.of(), classifier.classify(visit("https://one.example/")));
        assertEquals(1, classifier.classify(visit("https://two.example/")).size());

        assertEquals(0, run("lists", "remove", "trust-casinos", "--data", data.toString()));
        assertEquals(List.of(), ListLibrary.load(new AgentHome(data).lists()).classifierFor(null)
                .classify(visit("https://two.example/")));
        assertEquals(2, run("lists", "remove", "trust-casinos", "--data", data.toString()));
        assertTrue(err.toString().startsWith("there is no import called 'trust-casinos'"), err.toString());
    }

    @Test
    void printsTheFirstSkippedLinesAndKeepsEveryOneInTheReport() throws Exception {
        StringBuilder text = new StringBuilder("good.example\n");
        for (int i = 0; i < 25; i++) {
            text.append("bad line ").append(i).append('\n');
        }
        Path list = temp.resolve("mixed.txt");
        write(list, text.toString());
        assertEquals(0, run("lists", "import", "domains", list.toString(), "--category", "drugs", "--data",
                data.toString()));
        assertTrue(out.toString().contains("Skipped 25 lines (every one is in " + data.resolve(
                "lists/domains/import-report.txt") + "):"), out.toString());
        assertTrue(out.toString().contains(list + ":21: 'bad line 19' has spaces"), out.toString());
        assertFalse(out.toString().contains("'bad line 20'"), out.toString());
        assertTrue(out.toString().contains("  ... and 5 more"), out.toString());
        String report = Files.readString(data.resolve("lists/domains/import-report.txt"));
        assertTrue(report.contains(list + ":26: 'bad line 24' has spaces"), report);
    }

    @Test
    void refusalsSayWhatWasWrongAndExitWithTwo() throws Exception {
        assertEquals(2, run("lists", "import", "domains", ut1.resolve("gambling/domains").toString(), "--data",
                data.toString()));
        assertTrue(err.toString().startsWith("nothing imported: a plain domain list does not say which category it "
                + "is; pass --category"), err.toString());
        assertEquals(2, run("lists", "import", "squid", "x", "--data", data.toString()));
        assertTrue(err.toString().startsWith("unknown format 'squid'; expected one of:"), err.toString());
        assertTrue(err.toString().contains("  hosts       a hosts file of 0.0.0.0 or 127.0.0.1 entries (needs "
                + "--category)"), err.toString());
        assertEquals(2, run("lists", "import", "ut1", ut1.toString(), "--name", "Default", "--data", data.toString()));
        assertTrue(err.toString().startsWith("--name 'Default' cannot name an import"), err.toString());
        assertEquals(2, run("lists", "import", "ut1", ut1.resolve("chat").toString(), "--data", data.toString()));
        assertTrue(err.toString().contains("UT1 category 'chat' has no Nestguard category"), err.toString());
        assertFalse(Files.exists(data.resolve("lists/ut1")), "a refused import stores nothing");
    }
}
