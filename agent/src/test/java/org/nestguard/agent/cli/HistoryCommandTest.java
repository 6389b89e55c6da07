package org.nestguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.history.CanaryHistory;
import org.nestguard.protocol.wire.WireJson;
import picocli.CommandLine;

class HistoryCommandTest {
    private static final Path DITTON = Path.of("../policies/settings/ditton-junior.yaml");

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = AgentCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** A Chromium profile in a pupil's home, laid out as on Debian, with a gambling visit and a homework one. */
    private Path tree() throws Exception {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n"
                + "pupil-amy:x:1001:1001:Amy:/home/pupil-amy:/bin/bash\n");
        CanaryHistory history = new CanaryHistory(root.resolve("home/pupil-amy/.config/chromium/Default/History"));
        history.append("https://www.bbc.co.uk/bitesize/subjects/z826n39", "Maths - BBC Bitesize",
                Instant.parse("2026-11-30T09:00:00Z"));
        history.append("https://www.bet365.com/en/", "Online casino - bet now", Instant.parse("2026-11-30T09:05:00Z"));
        return root;
    }

    @Test
    void printsEachVisitWithItsFlagsAsJsonUnderThePolicysLearnerRule() throws Exception {
        Run run = run("history", "--json", "--root", tree().toString(), "--policy", DITTON.toString(),
                "--data", dir.resolve("agent").toString());

        assertEquals(0, run.exit(), run.err());
        JsonNode visits = WireJson.mapper().readTree(run.out()).get("visits");
        assertEquals(2, visits.size(), run.out());
        JsonNode bitesize = visits.get(0);
        assertEquals("https://www.bbc.co.uk/bitesize/subjects/z826n39", bitesize.at("/visit/url").asText());
        assertEquals("learner", bitesize.at("/visit/accountKind").asText(), "pupil-amy matches pupil-[a-z0-9-]+");
        assertEquals(0, bitesize.get("flags").size());
        JsonNode casino = visits.get(1);
        assertEquals("2026-11-30T09:05:00Z", casino.at("/visit/time").asText());
        assertEquals("gambling", casino.at("/flags/0/category").asText(), run.out());
        assertTrue(casino.at("/flags/0/reason").asText().contains("bet365.com"), run.out());
    }

    @Test
    void sinceAndUserFilterAndTheAgentsOwnCursorsAreNotMoved() throws Exception {
        Path root = tree();
        Path data = dir.resolve("agent");
        Path cursors = data.resolve("state/history-cursors.json");
        Files.createDirectories(cursors.getParent());
        Files.writeString(cursors, "{\"version\":1,\"profiles\":[]}");
        String before = Files.readString(cursors);

        Run since = run("history", "--root", root.toString(), "--policy", DITTON.toString(), "--data",
                data.toString(), "--since", "2026-11-30T09:01:00Z");
        assertEquals(0, since.exit(), since.err());
        assertFalse(since.out().contains("bitesize"), since.out());
        assertTrue(since.out().contains("FLAG gambling"), since.out());
        assertTrue(since.out().contains("1 visits, 1 flagged, 0 notices; nothing was sent"), since.out());

        Run other = run("history", "--root", root.toString(), "--policy", DITTON.toString(), "--data",
                data.toString(), "--user", "someone-else");
        assertTrue(other.out().contains("0 visits, 0 flagged"), other.out());
        assertEquals(before, Files.readString(cursors), "the preview works on a copy of the cursors");
    }

    @Test
    void aSinceThatIsNotATimeSaysWhatToGive() {
        Run run = run("history", "--since", "yesterday", "--data", dir.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("such as PT2H or P1D"), run.err());
    }
}
