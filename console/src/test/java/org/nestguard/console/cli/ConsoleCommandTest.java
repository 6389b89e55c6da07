package org.nestguard.console.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The operator's command line against one data folder: import, tokens, keys, devices, and its refusals. */
class ConsoleCommandTest {
    static final Path POLICY = Path.of("..", "policies", "settings", "ditton-junior.yaml");

    @TempDir
    Path temp;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ConsoleCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void importThenTokenThenKeyThenEmptyDeviceList() {
        String data = temp.resolve("data").toString();
        Run imported = run("policy", "import", POLICY.toString(), "--data", data, "--reason", "first term");
        assertEquals(0, imported.exit(), imported.err());
        assertTrue(imported.out().contains("Added setting 'ditton-junior': policy version 1"), imported.out());
        Run again = run("policy", "import", POLICY.toString(), "--data", data);
        assertTrue(again.out().contains("policy version 2"), again.out());

        Run token = run("token", "create", "--setting", "ditton-junior", "--uses", "3", "--data", data);
        assertEquals(0, token.exit(), token.err());
        assertTrue(token.out().strip().matches("ngt_[A-Za-z0-9_-]{43}"), "only the token on stdout: " + token.out());
        assertTrue(token.err().contains("3 use(s)"));

        Run key = run("user", "add", "alice", "--data", data);
        assertTrue(key.out().strip().startsWith("nga_"), key.out());
        assertTrue(key.err().contains("The UI issue replaces this with real accounts"));

        Run list = run("device", "list", "--data", data);
        assertEquals(0, list.exit());
        assertTrue(list.out().startsWith("ID"));
    }

    @Test
    void aBadPolicyExitsTwoWithTheLoadersPreciseMessage() throws Exception {
        Path bad = temp.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(POLICY).replace("schemaVersion: 1", "schemaVersion: 1\nbogus: 2"));
        Run run = run("policy", "import", bad.toString(), "--data", temp.resolve("data").toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().matches("(?s)policy error: .*bad\\.yaml:\\d+:\\d+: .*unknown field 'bogus'.*"), run.err());
    }

    @Test
    void refusalsSayWhatToDoWithoutAStackTrace() {
        String data = temp.resolve("data").toString();
        Run token = run("token", "create", "--setting", "nowhere", "--data", data);
        assertEquals(2, token.exit());
        assertTrue(token.err().contains("There is no setting with id 'nowhere'"), token.err());
        Run revoke = run("device", "revoke", "no-such-device", "--data", data);
        assertEquals(2, revoke.exit());
        assertTrue(revoke.err().contains("no device with id 'no-such-device'"), revoke.err());
        assertTrue(!revoke.err().contains("\tat "), revoke.err());
        Run expiry = run("token", "create", "--setting", "x", "--expires", "soon", "--data", data);
        assertEquals(2, expiry.exit());
        assertTrue(expiry.err().contains("P7D"));
    }

    @Test
    void userAddGivesRolesASettingAndOwnAccountsAndRefusesADslWithoutASetting() {
        String data = temp.resolve("data").toString();
        assertEquals(0, run("policy", "import", POLICY.toString(), "--data", data).exit());
        Run jane = run("user", "add", "Jane Smith", "--role", "dsl", "--role", "manager", "--setting", "ditton-junior",
                "--device-account", "JSmith", "--data", data);
        assertEquals(0, jane.exit(), jane.err());
        assertTrue(jane.out().strip().matches("nga_[A-Za-z0-9_-]{43}"), "only the key on stdout: " + jane.out());
        assertTrue(jane.err().contains("roles dsl, manager; setting ditton-junior; own device accounts JSmith"),
                jane.err());

        Run dsl = run("user", "add", "Ruth", "--role", "dsl", "--data", data);
        assertEquals(2, dsl.exit());
        assertTrue(dsl.err().contains("need the setting: add --setting ID"), dsl.err());
        Run role = run("user", "add", "Gill", "--role", "governor", "--setting", "ditton-junior", "--data", data);
        assertEquals(2, role.exit());
        assertTrue(role.err().contains("'governor' is not a role; give one of admin, technical"), role.err());

        Run list = run("user", "list", "--data", data);
        assertEquals(0, list.exit(), list.err());
        assertEquals("Jane Smith: roles dsl, manager; setting ditton-junior; own device accounts jsmith",
                list.out().strip());
        assertTrue(!list.out().contains("nga_"));
    }

    @Test
    void auditVerifyReportsAnIntactLogWithItsHeadHash() {
        Run verify = run("audit", "verify", "--data", temp.resolve("data").toString());
        assertEquals(0, verify.exit(), verify.err());
        assertTrue(verify.out().startsWith("Audit log intact: 0 row(s); head hash 0000"), verify.out());
    }
}
