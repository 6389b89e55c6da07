package org.nestguard.installers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A finished external command (a build script, wixl, msiinfo): how it exited and what it printed. */
record Command(int exit, String out, String err) {
    static final Path INSTALLERS = Path.of(System.getProperty("nestguard.installers", "."));
    static final Path AGENT_JAR = Path.of(System.getProperty("nestguard.agent.jar",
            "../agent/target/nestguard-agent.jar"));

    static Command run(List<String> command, Map<String, String> environment) throws IOException,
            InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(stderr unreadable: " + e.getMessage() + ")";
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("did not finish in 3 minutes: " + command);
        }
        return new Command(process.exitValue(), out, err.join());
    }

    static Command run(String... command) throws IOException, InterruptedException {
        return run(List.of(command), Map.of());
    }

    /** Whether a program is on the PATH. */
    static boolean available(String program) throws IOException, InterruptedException {
        return run("sh", "-c", "command -v " + program).exit() == 0;
    }

    static boolean root() throws IOException, InterruptedException {
        return run("id", "-u").out().strip().equals("0");
    }

    @Override
    public String toString() {
        return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
