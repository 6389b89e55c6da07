package org.nestguard.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nestguard.agent.enrolment.AgentHome;

/** The cursor file in the agent's state folder. */
class HistoryCursorsTest {
    @TempDir
    Path dir;
    AgentHome home;

    @BeforeEach
    void agentHome() throws IOException {
        home = new AgentHome(dir.resolve("agent"));
        home.create();
    }

    @Test
    void cursorsArePersistedOwnerOnlyAndReadBackExactly() throws Exception {
        BrowserProfile chrome = new BrowserProfile("chrome", HistoryFormat.CHROMIUM, "pupil", "Profile 1",
                Path.of("/home/pupil/.config/google-chrome/Profile 1/History"));
        BrowserProfile fox = new BrowserProfile("firefox", HistoryFormat.FIREFOX, "teacher", "default-esr",
                Path.of("/home/teacher/.mozilla/firefox/abcd1234.default-esr/places.sqlite"));
        ConsistentCopy.Stamp stamp = new ConsistentCopy.Stamp(List.of(
                new ConsistentCopy.FileState(true, 204800, 1_709_542_800_123_456_789L, "(dev=803,ino=1234)"),
                new ConsistentCopy.FileState(false, 0, 0, ""),
                new ConsistentCopy.FileState(true, 0, 1_709_542_800_000_000_000L, "(dev=803,ino=1235)")));
        List<TrackedProfile> tracked = List.of(
                new TrackedProfile(chrome, new ProfileCursor(42, 13_355_000_000_000_000L), true, null, stamp),
                new TrackedProfile(fox, ProfileCursor.timeOnly(1_700_000_000_000_000L), false, null, null),
                new TrackedProfile(new BrowserProfile("chrome", HistoryFormat.CHROMIUM, "pupil", "Default",
                        Path.of("/home/pupil/.config/google-chrome/Default/History")), ProfileCursor.START, true,
                        "the file is empty (0 bytes)", null));
        HistoryCursors cursors = HistoryCursors.open(home);
        assertTrue(cursors.tracked().isEmpty());
        assertEquals(ProfileCursor.START, cursors.cursorOf(chrome));

        cursors.replace(tracked);
        HistoryCursors reread = HistoryCursors.open(home);

        assertEquals(tracked, reread.tracked());
        assertEquals(new ProfileCursor(42, 13_355_000_000_000_000L), reread.cursorOf(chrome));
        assertEquals(home.state().resolve("history-cursors.json"), reread.file());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(reread.file())));
        assertFalse(Files.exists(home.state().resolve("history-cursors.json.tmp")), "no temporary file is left");
    }

    @Test
    void aDamagedCursorFileSaysWhatToDo() throws Exception {
        Files.writeString(home.state().resolve(HistoryCursors.FILE_NAME), "{\"version\":1,\"profiles\":[{\"brow");

        IOException e = assertThrows(IOException.class, () -> HistoryCursors.open(home));

        assertTrue(e.getMessage().startsWith(home.state().resolve(HistoryCursors.FILE_NAME)
                + " is not a history cursor file ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("move it aside to start again: every visit still in the browsers' history"
                + " is then collected once more"), e.getMessage());
    }

    @Test
    void aCursorFileOfAnotherVersionOrFormatIsRefused() throws Exception {
        Path file = home.state().resolve(HistoryCursors.FILE_NAME);
        Files.writeString(file, "{\"version\":9,\"profiles\":[]}");
        assertTrue(assertThrows(IOException.class, () -> HistoryCursors.open(home)).getMessage()
                .contains("has cursor file version 9, this agent reads version 1"));

        Files.writeString(file, "{\"version\":1,\"profiles\":[{\"browser\":\"opera\",\"format\":\"PRESTO\","
                + "\"account\":\"a\",\"name\":\"n\",\"historyFile\":\"/h\"}]}");
        assertTrue(assertThrows(IOException.class, () -> HistoryCursors.open(home)).getMessage()
                .contains("names history format PRESTO, which this agent does not know"));
    }
}
