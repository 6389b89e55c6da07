package org.nestguard.console.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountCommandTest {
    @TempDir
    Path temp;

    @AfterEach
    void restoreStdin() {
        AccountCommand.stdin = System.in;
    }

    @Test
    void addListResetAndDisableFromTheCommandLine() {
        String data = temp.resolve("data").toString();
        assertEquals(0, ConsoleCommandTest.run("policy", "import", ConsoleCommandTest.POLICY.toString(), "--data",
                data).exit());
        ConsoleCommandTest.Run added = ConsoleCommandTest.run("account", "add", "r.patel", "--role", "dsl",
                "--role", "technical@*", "--setting", "ditton-junior", "--data", data);
        assertEquals(2, added.exit(), "'*' is no setting: " + added.err());
        added = ConsoleCommandTest.run("account", "add", "r.patel", "--role", "dsl@ditton-junior", "--role",
                "admin", "--data", data);
        assertEquals(0, added.exit(), added.err());
        assertTrue(added.out().strip().matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}"), "only the password on stdout: "
                + added.out());
        assertTrue(added.err().contains("authenticator (TOTP) is set up at first sign-in"), added.err());

        AccountCommand.stdin = new ByteArrayInputStream("a chosen long password\n".getBytes(StandardCharsets.UTF_8));
        ConsoleCommandTest.Run given = ConsoleCommandTest.run("account", "add", "t.ng", "--role", "technical",
                "--password-stdin", "--data", data);
        assertEquals(0, given.exit(), given.err());
        assertEquals("", given.out(), "nothing secret printed");

        ConsoleCommandTest.Run list = ConsoleCommandTest.run("account", "list", "--data", data);
        assertTrue(list.out().contains("r.patel: roles admin in every setting, dsl in ditton-junior; authenticator "
                + "required, not set up; must change password"), list.out());
        assertTrue(list.out().contains("t.ng: roles technical in every setting; authenticator not required"),
                list.out());

        ConsoleCommandTest.Run reset = ConsoleCommandTest.run("account", "reset-password", "t.ng", "--data", data);
        assertEquals(0, reset.exit(), reset.err());
        assertTrue(ConsoleCommandTest.run("account", "list", "--data", data).out()
                .contains("t.ng: roles technical in every setting; authenticator not required; must change"));
        assertEquals(0, ConsoleCommandTest.run("account", "disable", "t.ng", "--data", data).exit());
        ConsoleCommandTest.Run again = ConsoleCommandTest.run("account", "disable", "t.ng", "--data", data);
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("already disabled"), again.err());
        ConsoleCommandTest.Run missing = ConsoleCommandTest.run("account", "reset-password", "nobody", "--data",
                data);
        assertTrue(missing.err().contains("There is no account named 'nobody'"), missing.err());
    }
}
