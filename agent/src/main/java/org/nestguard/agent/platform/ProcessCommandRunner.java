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
    /** Output kept from the start of a stream: far more than any probe's command prints. */
    static final int HEAD_BYTES = 2 << 20;
    /** Output kept from the end of a stream past the head, where commands print their summaries. */
    static final int TAIL_BYTES = 256 << 10;
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

    /**
     * Reads a stream to its end, keeping its start and its end: a command's output can be made as long as anyone
     * likes (clamscan prints a line per infected file, and a learner can fill a USB stick with test files), and the
     * agent's heap is 24 MiB. What is left out is said, with its size, where it was.
     */
    String drain(InputStream stream) {
        try (stream) {
            byte[] head = stream.readNBytes(HEAD_BYTES);
            if (head.length < HEAD_BYTES) {
                return new String(head, charset);
            }
            byte[] tail = new byte[TAIL_BYTES]; // a ring: the last TAIL_BYTES read
            long past = 0;
            byte[] chunk = new byte[8192];
            for (int n = stream.read(chunk); n >= 0; n = stream.read(chunk)) {
                for (int i = 0; i < n; i++) {
                    tail[(int) ((past + i) % TAIL_BYTES)] = chunk[i];
                }
                past += n;
            }
            if (past == 0) {
                return new String(head, charset);
            }
            int kept = (int) Math.min(past, TAIL_BYTES);
            byte[] end = new byte[kept];
            for (int i = 0; i < kept; i++) {
                end[i] = tail[(int) ((past - kept + i) % TAIL_BYTES)];
            }
            String omitted = past > kept ? "\n[" + (past - kept) + " bytes of output left out by Nestguard]\n" : "";
            return new String(head, charset) + omitted + new String(end, charset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
