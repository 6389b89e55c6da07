package org.nestguard.agent.platform.linux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.ProbeException;

/** A command runner that answers from canned outputs, matched by the end of the command line, and records calls. */
final class FixtureCommandRunner implements CommandRunner {
    private final Map<String, CommandResult> answers = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();

    /** Answers any command line ending with {@code suffix} with exit 0 and this stdout. */
    FixtureCommandRunner answer(String suffix, String stdout) {
        return answer(suffix, 0, stdout, "");
    }

    FixtureCommandRunner answer(String suffix, int exitCode, String stdout, String stderr) {
        answers.put(suffix, new CommandResult(List.of(suffix.split(" ")), exitCode, stdout, stderr));
        return this;
    }

    @Override
    public CommandResult run(List<String> command, Duration timeout) throws ProbeException {
        String line = String.join(" ", command);
        calls.add(line);
        for (Map.Entry<String, CommandResult> answer : answers.entrySet()) {
            if (line.endsWith(answer.getKey())) {
                CommandResult r = answer.getValue();
                return new CommandResult(command, r.exitCode(), r.stdout(), r.stderr());
            }
        }
        throw new ProbeException("could not run '" + command.get(0) + "': not installed (no fixture for: " + line + ")");
    }
}
