package org.nestguard.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A console process serving on an ephemeral port of 127.0.0.1, with the URL and CA fingerprint it printed. */
final class RunningConsole implements AutoCloseable {
    private static final Pattern FINGERPRINT = Pattern.compile("^CA fingerprint \\(SHA-256\\): (\\S+)");
    private static final Pattern URL = Pattern.compile("(https://127\\.0\\.0\\.1:\\d+)");
    private final Process process;
    final String url;
    final String fingerprint;

    private RunningConsole(Process process, String url, String fingerprint) {
        this.process = process;
        this.url = url;
        this.fingerprint = fingerprint;
    }

    /** Starts {@code serve} on the data folder (and database URL, or null for SQLite) and waits until it listens. */
    static RunningConsole start(Path data, String databaseUrl) throws IOException {
        return start(data, databaseUrl, 0);
    }

    /** The same on a given port: a console restarted where its agents were enrolled to find it. */
    static RunningConsole start(Path data, String databaseUrl, int port) throws IOException {
        List<String> args = new ArrayList<>(List.of("serve", "--data", data.toString(), "--port",
                String.valueOf(port), "--bind", "127.0.0.1"));
        if (databaseUrl != null) {
            args.add("--db");
            args.add(databaseUrl);
        }
        Process process = Processes.java(Processes.CONSOLE_JAR, args).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String fingerprint = null;
        String url = null;
        StringBuilder seen = new StringBuilder();
        String line;
        while ((fingerprint == null || url == null) && (line = lines.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher f = FINGERPRINT.matcher(line);
            if (f.find()) {
                fingerprint = f.group(1);
            }
            Matcher u = URL.matcher(line);
            if (u.find()) {
                url = u.group(1);
            }
        }
        if (fingerprint == null || url == null) {
            process.destroyForcibly();
            throw new IllegalStateException("the console did not start; it printed:\n" + seen);
        }
        Thread drain = new Thread(() -> lines.lines().forEach(l -> { }), "console-output");
        drain.setDaemon(true);
        drain.start();
        return new RunningConsole(process, url, fingerprint);
    }

    int port() {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
