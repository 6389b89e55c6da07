package org.nestguard.agent.platform.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nestguard.agent.platform.CommandResult;

/** Fixture: csrutil-status-enabled.txt is csrutil(8)'s one-line answer; here it arrives on stderr after blank lines. */
class ToolOutputTest {
    @Test
    void firstLineSkipsBlankLinesAndReadsStderrWhenStdoutIsEmpty() {
        CommandResult result = new CommandResult(List.of("csrutil", "status"), 0, "\n  \n",
                "\r\n" + FakeCommandRunner.fixture("csrutil-status-enabled.txt"));
        assertEquals("System Integrity Protection status: enabled.", ToolOutput.of(result).firstLine());
    }

    @Test
    void nothingPrintedIsAnEmptyLine() {
        assertEquals("", ToolOutput.of(new CommandResult(List.of("spctl"), 1, "", "")).firstLine());
    }
}
