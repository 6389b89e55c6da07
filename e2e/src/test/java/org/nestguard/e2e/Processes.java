package org.nestguard.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real jars as separate processes, as an operator would from a shell. */
final class Processes {
    static final Path AGENT_JAR = Path.of(System.getProperty("nestguard.agent.jar", "../agent/target/nestguard-agent.jar"));
    static final Path CONSOLE_JAR = Path.of(System.getProperty("nestguard.console.jar",
            "../console/target/nestguard-console.jar"));
    static final Path POLICIES = Path.of(System.getProperty("nestguard.policies", "../policies/settings"));

    private Processes() {
    }

    /** What a finished command printed and how it exited. */
    record Finished(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    static ProcessBuilder java(Path jar, List<String> args) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString()));
        command.addAll(args);
        return new ProcessBuilder(command);
    }

    static Finished run(Path jar, String... args) throws IOException, InterruptedException {
        return run(jar, "", args);
    }

    /** Runs the jar with this text on its standard input (then closed), as {@code echo ... | java -jar} would. */
    static Finished run(Path jar, String input, String... args) throws IOException, InterruptedException {
        Process process = java(jar, List.of(args)).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        // Read both streams fully before waiting: a full pipe would block the child.
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread drain = new Thread(() -> {
            try {
                err.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.complete("(stderr unreadable: " + e.getMessage() + ")");
            }
        });
        drain.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("command did not finish in 5 minutes: " + String.join(" ", args));
        }
        drain.join();
        return new Finished(process.exitValue(), out, err.join());
    }

    static Finished console(Path data, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data");
        all.add(data.toString());
        return run(CONSOLE_JAR, all.toArray(String[]::new));
    }

    /** A console command with this text on its standard input, such as a password for --password-stdin. */
    static Finished consoleWithInput(Path data, String input, String... args) throws IOException,
            InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data");
        all.add(data.toString());
        return run(CONSOLE_JAR, input, all.toArray(String[]::new));
    }

    static Finished agent(String... args) throws IOException, InterruptedException {
        return run(AGENT_JAR, args);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
