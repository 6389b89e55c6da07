package org.nestguard.agent.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs real commands with a fixed, minimal environment (C locale unless a probe asks otherwise). */
public final class ProcessCommandRunner implements CommandRunner {
    private final Map<String, String> environment;
    private final Charset charset;

    public ProcessCommandRunner() {
        // LC_ALL=C keeps Linux tools' output in the format the parsers expect.
        this(Map.of("LC_ALL", "C", "LANG", "C"), StandardCharsets.UTF_8);
    }

    public ProcessCommandRunner(Map<String, String> environment, Charset charset) {
        this.environment = Map.copyOf(environment);
        this.charset = charset;
    }

    @Override
    public CommandResult run(List<String> command, Duration timeout) throws ProbeException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ProbeException("could not run '" + command.get(0) + "': " + e.getMessage(), e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new ProbeException("'" + String.join(" ", command) + "' did not finish within "
                        + timeout.toSeconds() + " s");
            }
            return new CommandResult(List.copyOf(command), process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ProbeException("interrupted while running '" + command.get(0) + "'", e);
        } catch (UncheckedIOException e) {
            throw new ProbeException("could not read the output of '" + command.get(0) + "': " + e.getMessage(), e);
        }
    }

    private String drain(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), charset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
