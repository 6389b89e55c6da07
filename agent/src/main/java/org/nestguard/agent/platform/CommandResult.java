package org.nestguard.agent.platform;

import java.util.List;

/** What one external command printed and how it exited. */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {
    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The command line as evidence shows it. */
    public String commandLine() {
        return String.join(" ", command);
    }
}
