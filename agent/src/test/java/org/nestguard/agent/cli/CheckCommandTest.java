package org.nestguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code check} command as an operator runs it: real policy files, output formats and exit statuses. */
class CheckCommandTest {
    private static final Path DITTON = Path.of("..", "policies", "settings", "ditton-junior.yaml");
    private static final Path FLAGG = Path.of("..", "policies", "settings", "flagg-nursery.yaml");

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }

        JsonNode control(String id) throws IOException {
            for (JsonNode result : json().get("results")) {
                if (result.get("control").asText().equals(id.toUpperCase().replace('-', '_'))) {
                    return result;
                }
            }
            throw new AssertionError("no control " + id + " in " + out);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = AgentCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void dittonOnThisLinuxMachineReportsAllNineControlsEachWithEvidenceAndUnknownsSayWhy() throws IOException {
        Run run = run("check", "--policy", DITTON.toString(), "--json");
        JsonNode results = run.json().get("results");
        assertEquals(9, results.size(), run.out);
        List<String> controls = new ArrayList<>();
        for (JsonNode result : results) {
            controls.add(result.get("control").asText());
            String status = result.get("status").asText();
            assertFalse(status.equals("NOT_APPLICABLE"), "Ditton's policy sets every control: " + result);
            assertTrue(result.get("evidence").size() > 0, "no evidence: " + result);
            assertTrue(result.get("clauses").size() > 0, "no clause: " + result);
            if (status.equals("UNKNOWN")) {
                assertTrue(result.get("summary").asText().length() > 20, "an UNKNOWN must say why: " + result);
            }
        }
        assertEquals(List.of("ENCRYPTION", "SCREEN_LOCK", "ACCOUNTS", "LEARNER_ACCOUNTS", "ANTIVIRUS", "FIREWALL",
                "UPDATES", "SOFTWARE", "LOGON_NOTICE"), controls);
        boolean anyFailOrUnknown = false;
        for (JsonNode result : results) {
            anyFailOrUnknown |= List.of("FAIL", "UNKNOWN").contains(result.get("status").asText());
        }
        assertEquals(anyFailOrUnknown ? 1 : 0, run.exit);
        assertEquals("ditton-junior", run.json().get("setting").asText());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void tableNamesEveryControlWithItsStatusAndClause() {
        Run run = run("check", "--policy", DITTON.toString());
        for (String id : List.of("encryption", "screen-lock", "accounts", "learner-accounts", "antivirus", "firewall",
                "updates", "software", "logon-notice")) {
            assertTrue(run.out.lines().anyMatch(l -> l.startsWith(id + " ")), id + " missing from:\n" + run.out);
        }
        assertTrue(run.out.contains("policy §7.5.1 \u201cChange their passwords every month.\u201d"), run.out);
        assertTrue(run.out.contains("9 control(s) checked"), run.out);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void rootOptionChecksAFileSystemTreeAndFindsTheOverduePassword() throws IOException {
        teacherWithPasswordDaysOld(400);
        Run run = run("check", "--policy", FLAGG.toString(), "--json", "--root", dir.toString());
        JsonNode accounts = run.control("accounts");
        assertEquals("FAIL", accounts.get("status").asText(), accounts.toString());
        assertTrue(accounts.get("summary").asText().contains("account alice: password set on"), accounts.toString());
        assertEquals(1, run.exit);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void exitIsZeroWhenEveryControlThePolicySetsPasses() throws IOException {
        teacherWithPasswordDaysOld(3);
        Path policy = dir.resolve("accounts-only.yaml");
        Files.writeString(policy, """
                schemaVersion: 1
                setting: {id: test, name: Test, source: test}
                passwords:
                  required: true
                  maxAge: P1Y
                  guestAllowed: false
                  autoLogonAllowed: false
                  clauses: [{section: "7.5.1", quote: "Change their passwords every year."}]
                """);
        Run run = run("check", "--policy", policy.toString(), "--json", "--root", dir.toString());
        assertEquals("PASS", run.control("accounts").get("status").asText(), run.out);
        assertEquals("NOT_APPLICABLE", run.control("firewall").get("status").asText());
        assertEquals(0, run.exit, run.out);
    }

    @Test
    void malformedPolicyExitsTwoWithTheFileLineAndField() throws IOException {
        Path policy = dir.resolve("broken.yaml");
        Files.writeString(policy, "schemaVersion: 1\nsetting: {id: test, name: Test, source: test}\nscreenLock:\n"
                + "  maxIdle: 5 minutes\n  passwordOnWake: true\n  clauses: [{section: '7.5', quote: lock}]\n");
        Run run = run("check", "--policy", policy.toString());
        assertEquals(2, run.exit);
        assertTrue(run.err.contains("broken.yaml:4:12: screenLock.maxIdle: '5 minutes'"), run.err);
        assertTrue(run.err.contains("ISO-8601 duration"), run.err);
        assertEquals("", run.out);
    }

    @Test
    void missingPolicyFileAndUsageMistakesExitTwo() {
        Run missing = run("check", "--policy", dir.resolve("nope.yaml").toString());
        assertEquals(2, missing.exit);
        assertTrue(missing.err.contains("nope.yaml") && missing.err.contains("cannot be read"), missing.err);
        Run noPolicy = run("check");
        assertEquals(2, noPolicy.exit);
        assertTrue(noPolicy.err.contains("--policy"), noPolicy.err);
        Run badRoot = run("check", "--policy", DITTON.toString(), "--root", dir.resolve("absent").toString());
        assertEquals(2, badRoot.exit);
        assertTrue(badRoot.err.contains("is not a folder"), badRoot.err);
        assertEquals(2, run("frobnicate").exit);
    }

    /** A laptop tree with root and one teacher, alice, whose password was set this many days ago. */
    private void teacherWithPasswordDaysOld(long days) throws IOException {
        long today = LocalDate.now(ZoneOffset.UTC).toEpochDay();
        write("etc/passwd", "root:x:0:0:root:/root:/bin/bash\nalice:x:1001:1001::/home/alice:/bin/bash\n");
        write("etc/shadow", "root:*:" + today + ":0:99999:7:::\nalice:$6$s$h:" + (today - days) + ":0:99999:7:::\n");
        write("etc/group", "root:x:0:\nalice:x:1001:\n");
    }

    private void write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
