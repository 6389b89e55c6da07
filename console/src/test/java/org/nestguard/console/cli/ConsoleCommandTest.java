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
    void importThenTokenThenAccountThenEmptyDeviceList() {
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

        Run account = run("account", "add", "alice", "--role", "technical", "--data", data);
        assertEquals(0, account.exit(), account.err());
        assertTrue(account.out().strip().matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}"), "a one-time password: "
                + account.out());
        Run gone = run("user", "add", "bob", "--data", data);
        assertEquals(2, gone.exit(), "API keys are gone: people sign in with accounts");

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
    void accountsGetRolesASettingAndOwnDeviceAccountsAndADslWithoutASettingIsRefused() {
        String data = temp.resolve("data").toString();
        assertEquals(0, run("policy", "import", POLICY.toString(), "--data", data).exit());
        Run jane = run("account", "add", "Jane Smith", "--role", "dsl", "--role", "manager", "--setting",
                "ditton-junior", "--device-account", "JSmith", "--device-account", "jane.smith", "--data", data);
        assertEquals(0, jane.exit(), jane.err());
        assertTrue(jane.err().contains("roles dsl in ditton-junior, manager in ditton-junior; own device accounts "
                + "jane.smith, jsmith"), jane.err());

        Run dsl = run("account", "add", "Ruth", "--role", "dsl", "--data", data);
        assertEquals(2, dsl.exit());
        assertTrue(dsl.err().contains("needs the setting: add --setting ID"), dsl.err());
        Run role = run("account", "add", "Gill", "--role", "governor", "--setting", "ditton-junior", "--data", data);
        assertEquals(2, role.exit());
        assertTrue(role.err().contains("'governor' is not a role; give one of admin, technical"), role.err());

        Run changed = run("account", "device-accounts", "Jane Smith", "--add", "JS2", "--remove", "jane.smith",
                "--data", data);
        assertEquals(0, changed.exit(), changed.err());
        assertTrue(changed.err().contains("now has own device accounts js2, jsmith"), changed.err());
        Run unknown = run("account", "device-accounts", "Jane Smith", "--remove", "nobody", "--data", data);
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("has no device account 'nobody'; it has js2, jsmith"), unknown.err());
        Run nothing = run("account", "device-accounts", "Jane Smith", "--data", data);
        assertEquals(2, nothing.exit());
        assertTrue(nothing.err().contains("--add ACCOUNT or --remove ACCOUNT"), nothing.err());

        Run list = run("account", "list", "--data", data);
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("Jane Smith: roles dsl in ditton-junior, manager in ditton-junior; own device "
                + "accounts js2, jsmith; authenticator required, not set up; must change password"), list.out());
    }

    @Test
    void auditVerifyReportsAnIntactLogWithItsHeadHash() {
        Run verify = run("audit", "verify", "--data", temp.resolve("data").toString());
        assertEquals(0, verify.exit(), verify.err());
        assertTrue(verify.out().startsWith("Audit log intact: 0 row(s); head hash 0000"), verify.out());
    }
}
