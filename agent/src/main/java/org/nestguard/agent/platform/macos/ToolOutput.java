package org.nestguard.agent.platform.macos;

import org.nestguard.agent.platform.CommandResult;

/**
 * Everything a macOS tool printed, stdout then stderr: csrutil, spctl and socketfilterfw answer on either stream
 * depending on version and privileges, so probes read both as one text.
 */
record ToolOutput(String text) {

    static ToolOutput of(CommandResult result) {
        return new ToolOutput((result.stdout() + "\n" + result.stderr()).strip());
    }

    /** The first non-blank line, stripped; empty when the tool printed nothing. */
    String firstLine() {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
}
