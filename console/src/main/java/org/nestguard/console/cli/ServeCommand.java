package org.nestguard.console.cli;

import org.nestguard.console.store.LatestResults;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.nestguard.console.compliance.Fleets;
import org.nestguard.console.jobs.ComplianceDayJob;
import org.nestguard.console.jobs.RetentionJob;
import org.nestguard.console.jobs.SignInCleanupJob;
import org.nestguard.console.pki.CertificateAuthority;
import org.nestguard.console.pki.EvidenceKey;
import org.nestguard.console.pki.ServerIdentity;
import org.nestguard.console.pki.ServerNames;
import org.nestguard.console.server.Console;
import org.nestguard.console.server.ConsoleServer;
import org.nestguard.console.store.ComplianceDays;
import org.nestguard.console.store.Database;
import org.nestguard.console.store.SignInThrottle;
import org.nestguard.console.store.WebSessions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}: opens the store and CA and serves HTTPS until stopped (SIGTERM or Ctrl-C). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves the agent API and people's API over HTTPS until stopped with Ctrl-C or SIGTERM, and "
                + "deletes monitoring records past their retention at start and hourly.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--port", defaultValue = "8443", paramLabel = "N", description = "HTTPS port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", paramLabel = "ADDRESS",
            description = "address to listen on (default: ${DEFAULT-VALUE}, every interface)")
    String bind;

    @Option(names = "--cert", paramLabel = "PEM", description = "your own server certificate chain (with --key)")
    Path certFile;

    @Option(names = "--key", paramLabel = "PEM", description = "the private key of --cert")
    Path keyFile;

    @Option(names = "--name", paramLabel = "HOST", split = ",",
            description = "extra host names or addresses agents use to reach this console (for its own certificate)")
    List<String> extraNames = List.of();

    @Option(names = "--evidence-key", paramLabel = "PEM", description = "your own RSA private key (3072 bits or "
            + "more) that quarantine item keys are wrapped for; default: made in DATA/pki/evidence.key on first start")
    Path evidenceKeyFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if ((certFile == null) != (keyFile == null)) {
            spec.commandLine().getErr().println("--cert and --key go together: give both, or neither to let the "
                    + "console issue its own certificate");
            return ConsoleCommand.USAGE_OR_POLICY_ERROR;
        }
        Clock clock = Clock.systemUTC();
        Database database = store.open();
        ConsoleServer server;
        ScheduledExecutorService jobs;
        try {
            CertificateAuthority ca = CertificateAuthority.openOrCreate(store.dataDir, clock);
            ServerIdentity identity = certFile != null ? ServerIdentity.fromPem(certFile, keyFile, clock)
                    : ca.issueServerIdentity(ServerNames.forThisMachine(extraNames));
            EvidenceKey evidenceKey = evidenceKeyFile != null ? EvidenceKey.fromFile(evidenceKeyFile)
                    : EvidenceKey.openOrCreate(store.dataDir);
            Console console = Console.over(database, ca, evidenceKey, store.dataDir, clock);
            int told = console.sendEvidenceKeyWhereStale();
            server = ConsoleServer.start(console, identity, bind, port);
            // one background thread: retention at start, then an hour after each run ends; sign-in cleanup every 15 min
            jobs = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "nestguard-jobs");
                thread.setDaemon(true);
                return thread;
            });
            jobs.scheduleWithFixedDelay(new RetentionJob(console.settings(), console.retention(), clock), 0, 1,
                    TimeUnit.HOURS);
            jobs.scheduleWithFixedDelay(new SignInCleanupJob(new WebSessions(database, clock, new SecureRandom()),
                    new SignInThrottle(database, clock)), 1, 15, TimeUnit.MINUTES);
            // the compliance trend: past days rebuilt once from stored check results, then today's row hourly
            jobs.scheduleWithFixedDelay(new ComplianceDayJob(console.settings(), new Fleets(console.devices(),
                    new LatestResults(database)), console.devices(), console.events(), new ComplianceDays(database, clock),
                    clock), 0, 1, TimeUnit.HOURS);
            spec.commandLine().getOut().println("CA fingerprint (SHA-256): " + ca.fingerprint());
            spec.commandLine().getOut().println("Evidence key fingerprint (SHA-256): " + evidenceKey.fingerprint()
                    + (told == 0 ? "" : "; sent to " + told + " device(s) at their next check-in"));
            String host = "0.0.0.0".equals(bind) || "::".equals(bind) ? "localhost" : bind;
            spec.commandLine().getOut().println("Nestguard console listening on https://" + host + ":"
                    + server.port() + " (data: " + store.dataDir.toAbsolutePath() + ")");
            spec.commandLine().getOut().flush();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // stop taking requests first, so nothing is half-written when the store closes; the store closes
            // (checkpointing SQLite's log) even if the web server fails to stop cleanly
            try {
                server.close();
                jobs.shutdownNow();
                jobs.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                database.close();
                stopped.countDown();
            }
        }, "nestguard-console-stop"));
        stopped.await();
        return 0;
    }
}
