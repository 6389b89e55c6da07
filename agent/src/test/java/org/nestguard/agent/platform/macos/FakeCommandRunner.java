package org.nestguard.agent.platform.macos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nestguard.agent.platform.CommandResult;
import org.nestguard.agent.platform.CommandRunner;
import org.nestguard.agent.platform.ProbeException;

/** A CommandRunner that answers command lines from fixture files; an unknown command is "not found". */
final class FakeCommandRunner implements CommandRunner {
    private final Map<String, CommandResult> answers = new HashMap<>();
    private final List<String> ran = new ArrayList<>();

    /** The command prints the fixture on stdout and exits 0. */
    FakeCommandRunner stdout(String commandLine, String fixture) {
        return answer(commandLine, 0, fixture(fixture), "");
    }

    /** The command prints the fixture on stderr (sysadminctl does) and exits 0. */
    FakeCommandRunner stderr(String commandLine, String fixture) {
        return answer(commandLine, 0, "", fixture(fixture));
    }

    FakeCommandRunner answer(String commandLine, int exitCode, String stdout, String stderr) {
        List<String> command = List.of(commandLine.split(" "));
        answers.put(commandLine, new CommandResult(command, exitCode, stdout, stderr));
        return this;
    }

    List<String> ran() {
        return ran;
    }

    @Override
    public CommandResult run(List<String> command, Duration timeout) throws ProbeException {
        String line = String.join(" ", command);
        ran.add(line);
        CommandResult result = answers.get(line);
        if (result == null) {
            throw new ProbeException("could not run '" + command.get(0) + "': No such file or directory");
        }
        return new CommandResult(List.copyOf(command), result.exitCode(), result.stdout(), result.stderr());
    }

    static String fixture(String name) {
        return new String(fixtureBytes(name), StandardCharsets.UTF_8);
    }

    static byte[] fixtureBytes(String name) {
        try (var in = FakeCommandRunner.class.getResourceAsStream("/fixtures/macos/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a fixture to an absolute path under a test host root. */
    static void place(Path root, String absolutePath, String fixture) {
        write(root, absolutePath, fixtureBytes(fixture));
    }

    static void write(Path root, String absolutePath, byte[] content) {
        try {
            Path file = root.resolve(absolutePath.substring(1));
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
